// What the action knows about its run, the pull request and the baseline: read by src/github, decided on by src/action.

/** A pull request as the action needs it. */
export interface PullRequestRef {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** Label names from the event payload (the API is asked again for current ones). */
  labels: string[];
}

/** The triggering run, on a workflow_run event. */
export interface TriggeringRun {
  id: number;
  workflowId: number;
  headSha: string;
  headBranch: string;
  /** owner/name of the repository the run's commit came from (a fork for fork PRs). */
  headRepository: string;
  /** Pull requests the payload lists (empty for fork PRs). */
  pullRequests: PullRequestRef[];
}

/** What the action knows about the run it is part of, from the runner's environment. */
export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  serverUrl: string;
  workspace: string;
  runnerTemp: string;
  runId: string;
  /** Which attempt of the run this is ('' when unknown): a re-run is a new attempt. */
  runAttempt: string;
  /** File name of the running workflow (from GITHUB_WORKFLOW_REF), '' when unknown. */
  workflowFile: string;
  /** Stable per workflow and job: the sticky comment's key. */
  jobKey: string;
  /** The commit whose profiles are checked. */
  headSha: string;
  /** The pull request, when the event names one (workflow_run: maybe found later by head SHA). */
  pullRequest: PullRequestRef | undefined;
  triggeringRun: TriggeringRun | undefined;
  /** The repository's default branch from the payload, '' when absent. */
  defaultBranch: string;
  /** The branch pushed to, on push events. */
  pushBranch: string;
  /** owner/name of the action being run (GITHUB_ACTION_REPOSITORY), '' when unknown: named in the reproduce lines. */
  actionRepository: string;
}

export interface BaselineRun {
  id: number;
  headSha: string;
  htmlUrl: string;
}

/** What this run's profiles are compared with: the files of a baseline run's artifact, or of baseline-path. */
export interface Baseline {
  run: BaselineRun | undefined;
  dir: string;
  files: string[];
  /** Why there is none, when there is none. */
  reason: string | undefined;
  notes: string[];
}

/** The uploaded report artifact, as the comment links it. */
export interface ReportArtifact {
  name: string;
  id: number;
  url: string;
  /** How many flame graphs it holds. */
  files: number;
  /** It also holds main's history chart. */
  history?: boolean;
  /** It also holds the growth-over-time chart of the snapshot series. */
  growth?: boolean;
}
