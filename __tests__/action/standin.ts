import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest, checkResponse, component, synthesize, type Operation } from './openapi.js';
import { zipStore } from './zip.js';

/**
 * A stand-in for the GitHub REST API on 127.0.0.1: workflow runs, artifacts (302 to a zip blob
 * served here too, 410 when expired), issue comments, labels and pull requests. Every request it
 * receives and every response it sends is checked against GitHub's OpenAPI description; problems
 * are collected in `violations`.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface RunSpec {
  id: number;
  workflowId: number;
  /** e.g. .github/workflows/ci.yml */
  workflowPath: string;
  headSha: string;
  headBranch: string;
  event?: string;
  conclusion?: string;
  /** owner/name the commit came from; default the repository itself. */
  headRepository?: string;
}

export interface ArtifactSpec {
  id: number;
  runId: number;
  name: string;
  zip: Buffer;
  /** Listed as expired. */
  expired?: boolean;
  /** Listed as live, but the download answers 410 (expired in between). */
  gone?: boolean;
}

export interface CommentSpec {
  id: number;
  issue: number;
  body: string;
  /** The author; default the token's identity. */
  login?: string;
  type?: 'Bot' | 'User';
}

/** Who a token is: GitHub's user object fields that tell accounts apart. */
export interface Identity {
  login: string;
  type: 'Bot' | 'User';
  id: number;
}

/** The identity of a workflow's GITHUB_TOKEN (an installation token of the GitHub Actions app). */
export const ACTIONS_BOT: Identity = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };

export interface PullSpec {
  number: number;
  headSha: string;
  headRef: string;
  /** owner/name of the head repository (a fork for fork PRs). */
  headRepository: string;
  baseRef: string;
  baseSha: string;
  labels?: string[];
}

/** A check run as created and updated: every annotation sent, in order. */
export interface CheckRunSpec {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | undefined;
  title: string;
  summary: string;
  annotations: any[];
  /** Annotations per request, creation first. */
  requests: number[];
}

export interface Fault {
  method: string;
  /** Matched against the path template, e.g. /repos/{owner}/{repo}/issues/{issue_number}/comments */
  template: string;
  status: number;
  /** How many requests fail; Infinity for all. */
  times: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  template: string;
  status: number;
  body?: any;
}

/** An artifact uploaded through the Actions results service (Twirp) and blob storage. */
export interface UploadedArtifact {
  id: number;
  name: string;
  /** The CreateArtifact request body as sent (proto field names). */
  create: any;
  /** The FinalizeArtifact request body, once finalized. */
  finalize?: any;
  /** The committed blob (the zip), once the block list is committed. */
  blob?: Buffer;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** A runtime token as the runner hands it to an action: a JWT whose `scp` claim names the run and job backend ids. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead:00000000 Actions.Results:${runBackendId}:${jobBackendId}` })}.c2lnbmF0dXJl`;
}

export class GitHubStandIn {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  /** Whom the token belongs to: comments it creates are theirs, and GraphQL's viewer names them. */
  identity: Identity = ACTIONS_BOT;
  /** Other accounts' ids, for their user objects (unknown logins get a stable made-up id). */
  readonly accounts = new Map<string, Identity>([[ACTIONS_BOT.login, ACTIONS_BOT]]);
  runs: RunSpec[] = [];
  artifacts: ArtifactSpec[] = [];
  comments: CommentSpec[] = [];
  labels = new Map<number, string[]>();
  pulls: PullSpec[] = [];
  checkRuns: CheckRunSpec[] = [];
  private nextCheckRunId = 5000;
  faults: Fault[] = [];
  readonly log: LoggedRequest[] = [];
  readonly violations: string[] = [];
  /**
   * The Actions results service (artifact upload): served when `results` is set, with the runtime
   * token and backend ids it expects; artifacts uploaded through it land in `uploads`.
   */
  results: { runtimeToken: string; runBackendId: string; jobBackendId: string } | undefined;
  readonly uploads: UploadedArtifact[] = [];
  private readonly blocks = new Map<string, Buffer>();
  private nextUploadId = 7000;
  private server: Server | undefined;
  private nextCommentId = 9000;
  /** Called as a comment is created, before it is: a test can slip a rival comment in first. */
  beforeCommentCreated?: (issue: number) => void;
  /** A comment id for a test's own comments, in the same sequence as created ones. */
  newCommentId(): number {
    return this.nextCommentId++;
  }
  url = '';

  constructor(owner: string, repo: string, token: string) {
    this.owner = owner;
    this.repo = repo;
    this.token = token;
  }

  /** Forgets every run, artifact, comment, label, pull request, fault, upload and logged request: a fresh GitHub on the same address. */
  reset(): void {
    this.identity = ACTIONS_BOT;
    this.runs = [];
    this.artifacts = [];
    this.comments = [];
    this.labels.clear();
    this.pulls = [];
    this.checkRuns = [];
    this.faults = [];
    this.log.length = 0;
    this.violations.length = 0;
    this.results = undefined;
    this.uploads.length = 0;
    this.blocks.clear();
    this.beforeCommentCreated = undefined;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        this.violations.push(`stand-in crashed: ${err.stack}`);
        res.statusCode = 599;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /**
   * The fork setup's triggering run: pull request 42 from forker/service's `feature` branch at
   * `headSha`, whose run 900 (workflow 77, ci.yml) uploaded `zip` as pprof-baseline. Returns the
   * workflow_run event payload of the privileged workflow it triggers.
   */
  forkPullRequestRun(zip: Buffer, headSha: string, baseSha: string): Record<string, unknown> {
    this.runs.push({
      id: 900,
      workflowId: 77,
      workflowPath: '.github/workflows/ci.yml',
      headSha,
      headBranch: 'feature',
      event: 'pull_request',
      headRepository: 'forker/service',
    });
    this.artifacts.push({ id: 9000, runId: 900, name: 'pprof-baseline', zip });
    this.pulls.push({ number: 42, headSha, headRef: 'feature', headRepository: 'forker/service', baseRef: 'main', baseSha });
    return {
      action: 'completed',
      workflow_run: {
        id: 900,
        workflow_id: 77,
        head_sha: headSha,
        head_branch: 'feature',
        event: 'pull_request',
        conclusion: 'success',
        head_repository: { full_name: 'forker/service' },
        pull_requests: [],
      },
      repository: { default_branch: 'main', full_name: `${this.owner}/${this.repo}` },
    };
  }

  /**
   * A successful push run `id` of ci.yml (workflow 77) on main at `headSha`, whose artifact
   * `id * 10` holds `files` (default name pprof-baseline): a baseline as the action looks for it.
   */
  baselineRun(id: number, headSha: string, files: { name: string; data: Uint8Array }[], name = 'pprof-baseline'): void {
    this.runs.push({ id, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha, headBranch: 'main' });
    this.artifacts.push({ id: id * 10, runId: id, name, zip: zipStore(files) });
  }

  /** Serves the results service (artifact uploads) for run-backend-1 / job-backend-1; returns the environment the runner gives the step for it. */
  serveResults(): Record<string, string> {
    const token = runtimeToken('run-backend-1', 'job-backend-1');
    this.results = { runtimeToken: token, runBackendId: 'run-backend-1', jobBackendId: 'job-backend-1' };
    return { ACTIONS_RESULTS_URL: `${this.url}/`, ACTIONS_RUNTIME_TOKEN: token };
  }

  requests(method: string, template: string): LoggedRequest[] {
    return this.log.filter((r) => r.method === method && r.template === template);
  }

  // ---- objects as GitHub returns them, synthesized from the schemas -----------------------------

  /** A user object as GitHub sends it: an app's bot account has its page under /apps/ and its login ends in [bot]. */
  private user(login: string, type: 'Bot' | 'User' = 'User'): any {
    const known = login === this.identity.login ? this.identity : this.accounts.get(login);
    const id = known?.id ?? 1000 + [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9_000_000, 7);
    const bot = (known?.type ?? type) === 'Bot';
    return synthesize(component('simple-user'), {
      login,
      type: bot ? 'Bot' : 'User',
      id,
      node_id: Buffer.from(`${bot ? '03:Bot' : '04:User'}${id}`).toString('base64'),
      html_url: bot ? `https://github.com/apps/${login.replace(/\[bot\]$/, '')}` : `https://github.com/${login}`,
      url: `https://api.github.com/users/${encodeURIComponent(login)}`,
      avatar_url: bot ? `https://avatars.githubusercontent.com/in/${id}?v=4` : `https://avatars.githubusercontent.com/u/${id}?v=4`,
    });
  }

  private repository(fullName: string): any {
    const [owner, name] = fullName.split('/');
    return synthesize(component('minimal-repository'), {
      id: fullName.length,
      name,
      full_name: fullName,
      owner: this.user(owner),
      fork: fullName !== `${this.owner}/${this.repo}`,
    });
  }

  private runObject(r: RunSpec): any {
    return synthesize(component('workflow-run'), {
      id: r.id,
      name: 'ci',
      head_branch: r.headBranch,
      head_sha: r.headSha,
      path: r.workflowPath,
      run_number: r.id,
      event: r.event ?? 'push',
      status: 'completed',
      conclusion: r.conclusion ?? 'success',
      workflow_id: r.workflowId,
      html_url: `https://github.com/${this.owner}/${this.repo}/actions/runs/${r.id}`,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/actions/runs/${r.id}`,
      head_repository: this.repository(r.headRepository ?? `${this.owner}/${this.repo}`),
      repository: this.repository(`${this.owner}/${this.repo}`),
      pull_requests: [],
      created_at: new Date(Date.UTC(2026, 10, 1) + r.id * 1000).toISOString(),
    });
  }

  private artifactObject(a: ArtifactSpec): any {
    return synthesize(component('artifact'), {
      id: a.id,
      name: a.name,
      size_in_bytes: a.zip.length,
      expired: a.expired ?? false,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/actions/artifacts/${a.id}`,
      archive_download_url: `https://api.github.com/repos/${this.owner}/${this.repo}/actions/artifacts/${a.id}/zip`,
      workflow_run: { id: a.runId, head_sha: this.runs.find((r) => r.id === a.runId)?.headSha ?? 'x' },
    });
  }

  private commentObject(c: CommentSpec): any {
    return synthesize(component('issue-comment'), {
      id: c.id,
      body: c.body,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `https://api.github.com/repos/${this.owner}/${this.repo}/issues/${c.issue}`,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/issues/comments/${c.id}`,
      user: this.user(c.login ?? this.identity.login, c.type ?? this.identity.type),
      author_association: 'NONE',
    });
  }

  private checkRunObject(r: CheckRunSpec): any {
    return synthesize(component('check-run'), {
      id: r.id,
      name: r.name,
      head_sha: r.headSha,
      status: r.status,
      conclusion: r.conclusion ?? null,
      html_url: `https://github.com/${this.owner}/${this.repo}/runs/${r.id}`,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/check-runs/${r.id}`,
      output: {
        title: r.title,
        summary: r.summary,
        text: null,
        annotations_count: r.annotations.length,
        annotations_url: 'https://api.github.com/x',
      },
    });
  }

  private pullObject(p: PullSpec): any {
    const ref = (full: string, refName: string, sha: string) => ({
      label: `${full.split('/')[0]}:${refName}`,
      ref: refName,
      sha,
      repo: this.repository(full),
      user: this.user(full.split('/')[0]),
    });
    return synthesize(component('pull-request-simple'), {
      number: p.number,
      state: 'open',
      title: 'PR',
      head: ref(p.headRepository, p.headRef, p.headSha),
      base: ref(`${this.owner}/${this.repo}`, p.baseRef, p.baseSha),
      labels: (p.labels ?? []).map((name, i) => synthesize(component('label'), { id: i + 1, name })),
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${p.number}`,
      author_association: 'CONTRIBUTOR',
    });
  }

  // ---- request handling -------------------------------------------------------------------------

  private page<T>(items: T[], url: URL): { items: T[]; link?: string } {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    if (page * perPage >= items.length) return { items: slice };
    const next = new URL(url.toString(), this.url);
    next.searchParams.set('page', String(page + 1));
    return { items: slice, link: `<${this.url}${next.pathname}${next.search}>; rel="next"` };
  }

  private route(op: Operation, url: URL, body: any): { status: number; body?: any; headers?: Record<string, string> } {
    const p = op.params;
    if (p.owner && (p.owner !== this.owner || p.repo !== this.repo)) return notFound();
    const key = `${op.method} ${op.template}`;
    switch (key) {
      case 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': {
        const wf = p.workflow_id;
        const q = url.searchParams;
        const runs = this.runs
          .filter((r) => String(r.workflowId) === wf || r.workflowPath.endsWith(`/${wf}`))
          .filter((r) => !q.get('branch') || r.headBranch === q.get('branch'))
          .filter((r) => !q.get('event') || (r.event ?? 'push') === q.get('event'))
          .filter((r) => !q.get('status') || (r.conclusion ?? 'success') === q.get('status'))
          .sort((a, b) => b.id - a.id);
        if (!this.runs.some((r) => String(r.workflowId) === wf || r.workflowPath.endsWith(`/${wf}`))) return notFound();
        const { items, link } = this.page(runs, url);
        return {
          status: 200,
          body: { total_count: runs.length, workflow_runs: items.map((r) => this.runObject(r)) },
          headers: link ? { link } : {},
        };
      }
      case 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': {
        const name = url.searchParams.get('name');
        const arts = this.artifacts.filter((a) => String(a.runId) === p.run_id && (!name || a.name === name));
        const { items, link } = this.page(arts, url);
        return {
          status: 200,
          body: { total_count: arts.length, artifacts: items.map((a) => this.artifactObject(a)) },
          headers: link ? { link } : {},
        };
      }
      case 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': {
        const a = this.artifacts.find((x) => String(x.id) === p.artifact_id);
        if (!a || p.archive_format !== 'zip') return notFound();
        if (a.expired || a.gone)
          return { status: 410, body: { message: 'Artifact has expired', documentation_url: 'https://docs.github.com/rest' } };
        return { status: 302, headers: { location: `${this.url}/blob/artifact-${a.id}.zip?sig=signed` } };
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const all = this.comments.filter((c) => String(c.issue) === p.issue_number).sort((a, b) => a.id - b.id);
        const { items, link } = this.page(all, url);
        return { status: 200, body: items.map((c) => this.commentObject(c)), headers: link ? { link } : {} };
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (body.body.length > 65536)
          return { status: 422, body: { message: 'Body is too long', documentation_url: 'https://docs.github.com/rest' } };
        this.beforeCommentCreated?.(Number(p.issue_number));
        const c: CommentSpec = {
          id: this.nextCommentId++,
          issue: Number(p.issue_number),
          body: body.body,
          login: this.identity.login,
          type: this.identity.type,
        };
        this.comments.push(c);
        return {
          status: 201,
          body: this.commentObject(c),
          headers: { location: `https://api.github.com/repos/${this.owner}/${this.repo}/issues/comments/${c.id}` },
        };
      }
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const c = this.comments.find((x) => String(x.id) === p.comment_id);
        if (!c) return notFound();
        if (body.body.length > 65536)
          return { status: 422, body: { message: 'Body is too long', documentation_url: 'https://docs.github.com/rest' } };
        c.body = body.body;
        return { status: 200, body: this.commentObject(c) };
      }
      case 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const i = this.comments.findIndex((x) => String(x.id) === p.comment_id);
        if (i < 0) return notFound();
        this.comments.splice(i, 1);
        return { status: 204 };
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': {
        const names = this.labels.get(Number(p.issue_number)) ?? [];
        const { items, link } = this.page(names, url);
        return {
          status: 200,
          body: items.map((name, i) => synthesize(component('label'), { id: i + 1, name, color: 'ededed', default: false })),
          headers: link ? { link } : {},
        };
      }
      case 'POST /repos/{owner}/{repo}/check-runs': {
        const out = body.output ?? {};
        const annotations = out.annotations ?? [];
        if (annotations.length > 50 || (out.summary ?? '').length > 65535)
          return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' } };
        const run: CheckRunSpec = {
          id: this.nextCheckRunId++,
          name: body.name,
          headSha: body.head_sha,
          status: body.status ?? 'queued',
          conclusion: body.conclusion,
          title: out.title ?? '',
          summary: out.summary ?? '',
          annotations: [...annotations],
          requests: [annotations.length],
        };
        this.checkRuns.push(run);
        return { status: 201, body: this.checkRunObject(run) };
      }
      case 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': {
        const run = this.checkRuns.find((r) => String(r.id) === p.check_run_id);
        if (!run) return notFound();
        const annotations = body.output?.annotations ?? [];
        if (annotations.length > 50)
          return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' } };
        // Annotations sent with an update are added to the run's.
        run.annotations.push(...annotations);
        run.requests.push(annotations.length);
        if (body.output?.summary !== undefined) run.summary = body.output.summary;
        if (body.conclusion !== undefined) run.conclusion = body.conclusion;
        return { status: 200, body: this.checkRunObject(run) };
      }
      case 'GET /repos/{owner}/{repo}/pulls': {
        const head = url.searchParams.get('head');
        const pulls = this.pulls.filter((x) => !head || `${x.headRepository.split('/')[0]}:${x.headRef}` === head);
        const { items, link } = this.page(pulls, url);
        return { status: 200, body: items.map((x) => this.pullObject(x)), headers: link ? { link } : {} };
      }
    }
    this.violations.push(`${key}: not implemented by the stand-in`);
    return notFound();
  }

  /**
   * The results service's ArtifactService as @actions/artifact calls it (Twirp, JSON with proto
   * field names): CreateArtifact answers a signed blob URL on this server, FinalizeArtifact the
   * artifact id. Twirp errors are `{code, msg}`.
   */
  private twirp(req: IncomingMessage, url: URL, raw: string, res: ServerResponse): void {
    const method = url.pathname.slice(TWIRP.length);
    const reply = (status: number, body: unknown) => {
      this.log.push({ method: req.method ?? '', path: url.pathname, template: `twirp ${method}`, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const r = this.results;
    if (!r) return reply(404, { code: 'bad_route', msg: `no handler for path ${url.pathname}` });
    if (req.method !== 'POST') this.violations.push(`twirp ${method}: method ${req.method}`);
    if (req.headers.authorization !== `Bearer ${r.runtimeToken}`) this.violations.push(`twirp ${method}: missing or wrong runtime token`);
    if (!String(req.headers['content-type']).startsWith('application/json'))
      this.violations.push(`twirp ${method}: content-type ${req.headers['content-type']}`);
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      this.violations.push(`twirp ${method}: body is not JSON`);
      return reply(400, { code: 'malformed', msg: 'body is not JSON' });
    }
    if (body.workflow_run_backend_id !== r.runBackendId || body.workflow_job_run_backend_id !== r.jobBackendId)
      this.violations.push(
        `twirp ${method}: backend ids ${body.workflow_run_backend_id}:${body.workflow_job_run_backend_id} are not the token's`,
      );
    if (typeof body.name !== 'string' || !body.name) this.violations.push(`twirp ${method}: no artifact name`);
    switch (method) {
      case 'CreateArtifact': {
        if (body.version !== 7) this.violations.push(`CreateArtifact: version ${body.version}`);
        if (body.expires_at !== undefined && Number.isNaN(Date.parse(body.expires_at)))
          this.violations.push(`CreateArtifact: expires_at ${body.expires_at} is not a timestamp`);
        if (this.uploads.some((u) => u.name === body.name))
          return reply(409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
        const upload: UploadedArtifact = { id: this.nextUploadId++, name: body.name, create: body };
        this.uploads.push(upload);
        const blobPath = `/upload/actionsresults/${r.runBackendId}/${upload.id}-${encodeURIComponent(body.name)}.zip`;
        return reply(200, {
          ok: true,
          signed_upload_url: `${this.url}${blobPath}?sv=2024-08-04&sr=b&sp=cw&se=2099-01-01T00%3A00%3A00Z&sig=signed-${upload.id}`,
        });
      }
      case 'FinalizeArtifact': {
        const upload = this.uploads.find((u) => u.name === body.name && !u.finalize);
        if (!upload) return reply(404, { code: 'not_found', msg: 'artifact not found' });
        if (!upload.blob) this.violations.push(`FinalizeArtifact ${body.name}: nothing was uploaded`);
        else {
          if (String(body.size) !== String(upload.blob.length))
            this.violations.push(`FinalizeArtifact ${body.name}: size ${body.size}, uploaded ${upload.blob.length}`);
          const hash = `sha256:${createHash('sha256').update(upload.blob).digest('hex')}`;
          if (body.hash !== undefined && body.hash !== hash)
            this.violations.push(`FinalizeArtifact ${body.name}: hash ${body.hash}, uploaded ${hash}`);
        }
        upload.finalize = body;
        return reply(200, { ok: true, artifact_id: String(upload.id) });
      }
    }
    return reply(404, { code: 'bad_route', msg: `no handler for path ${url.pathname}` });
  }

  /**
   * Azure block blob storage behind a signed URL, as @azure/storage-blob's uploadStream uses it:
   * `PUT ?comp=block&blockid=…` per block, then `PUT ?comp=blocklist` with the XML list of blocks.
   * Signed URLs carry no Authorization header.
   */
  private blobUpload(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const comp = url.searchParams.get('comp') ?? '';
    const id = /^\/upload\/actionsresults\/[^/]+\/(\d+)-/.exec(url.pathname)?.[1];
    const upload = this.uploads.find((u) => String(u.id) === id);
    const reply = (status: number, headers: Record<string, string> = {}, text = '') => {
      this.log.push({ method: req.method ?? '', path: url.pathname, template: `blob ${comp}`, status });
      res.writeHead(status, {
        'x-ms-request-id': `req-${this.log.length}`,
        'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-01-05'),
        date: new Date().toUTCString(),
        ...headers,
      });
      res.end(text);
    };
    if (req.headers.authorization) this.violations.push('blob upload carried an Authorization header');
    if (!upload || url.searchParams.get('sig') !== `signed-${upload.id}`) {
      this.violations.push(`blob upload to ${url.pathname}: not a signed URL this stand-in handed out`);
      return reply(403, { 'x-ms-error-code': 'AuthenticationFailed' });
    }
    if (req.method !== 'PUT') this.violations.push(`blob upload: method ${req.method}`);
    if (!req.headers['x-ms-version']) this.violations.push('blob upload: no x-ms-version header');
    if (req.headers['content-length'] !== undefined && Number(req.headers['content-length']) !== body.length)
      this.violations.push(`blob upload: content-length ${req.headers['content-length']}, body ${body.length}`);
    const created = { etag: `"0x8D${upload.id}"`, 'last-modified': new Date().toUTCString() };
    if (comp === 'block') {
      const blockId = url.searchParams.get('blockid');
      if (!blockId) {
        this.violations.push('blob upload: a block without blockid');
        return reply(400, { 'x-ms-error-code': 'InvalidQueryParameterValue' });
      }
      this.blocks.set(`${upload.id}/${blockId}`, body);
      return reply(201, { 'x-ms-request-server-encrypted': 'true' });
    }
    if (comp === 'blocklist') {
      if (req.headers['x-ms-blob-content-type'] !== 'application/zip')
        this.violations.push(`blob upload: blob content type ${String(req.headers['x-ms-blob-content-type'])}`);
      const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2]);
      const parts: Buffer[] = [];
      for (const blockId of ids) {
        const block = this.blocks.get(`${upload.id}/${blockId}`);
        if (!block) {
          this.violations.push(`blob upload: block list names unknown block ${blockId}`);
          return reply(400, { 'x-ms-error-code': 'InvalidBlockList' });
        }
        parts.push(block);
      }
      upload.blob = Buffer.concat(parts);
      return reply(201, { ...created, 'x-ms-request-server-encrypted': 'true' });
    }
    if (comp === '') {
      // A single-shot upload (Put Blob) of a small blob.
      upload.blob = body;
      return reply(201, created);
    }
    this.violations.push(`blob upload: comp=${comp} not served by the stand-in`);
    return reply(400, { 'x-ms-error-code': 'UnsupportedQueryParameter' });
  }

  /**
   * GitHub's GraphQL endpoint, for the one query the action sends: `query { viewer { login } }`,
   * the token's identity. A fault on `POST /graphql` answers as GitHub does to a refused token.
   */
  private graphql(method: string, raw: string, res: ServerResponse): void {
    const fault = this.faults.find((f) => f.method === method && f.template === '/graphql' && f.times > 0);
    const reply = (status: number, body: unknown) => {
      this.log.push({ method, path: '/graphql', template: '/graphql', status, body: raw ? JSON.parse(raw) : undefined });
      send(res, status, body);
    };
    if (method !== 'POST') this.violations.push(`graphql: method ${method}`);
    if (fault) {
      fault.times--;
      return reply(fault.status, {
        message: fault.status === 401 ? 'Bad credentials' : 'Server Error',
        documentation_url: 'https://docs.github.com/graphql',
      });
    }
    let query = '';
    try {
      query = String(JSON.parse(raw).query ?? '');
    } catch {
      this.violations.push('graphql: body is not JSON');
    }
    if (!/^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) {
      this.violations.push(`graphql: query not served by the stand-in: ${query}`);
      return reply(200, { errors: [{ message: 'not served by the stand-in' }] });
    }
    return reply(200, { data: { viewer: { login: this.identity.login } } });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';

    if (url.pathname.startsWith('/blob/')) {
      // Blob storage: a signed URL, fetched without the API token.
      if (req.headers.authorization) this.violations.push(`blob download carried an Authorization header`);
      const id = /artifact-(\d+)\.zip$/.exec(url.pathname)?.[1];
      const a = this.artifacts.find((x) => String(x.id) === id);
      this.log.push({ method, path: url.pathname, template: '/blob', status: a ? 200 : 404 });
      if (!a) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(a.zip.length) });
      res.end(a.zip);
      return;
    }

    if (url.pathname.startsWith(TWIRP)) {
      this.twirp(req, url, raw, res);
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      this.blobUpload(req, url, Buffer.concat(chunks), res);
      return;
    }

    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`)
      this.violations.push(`${method} ${url.pathname}: missing or wrong Authorization header`);
    if (url.pathname === '/graphql') {
      this.graphql(method, raw, res);
      return;
    }
    const { op, errors } = checkRequest(method, url, raw, req.headers['content-type']);
    this.violations.push(...errors);
    if (!op) {
      this.log.push({ method, path: url.pathname, template: '?', status: 404 });
      send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const body = raw ? JSON.parse(raw) : undefined;
    const fault = this.faults.find((f) => f.method === method && f.template === op.template && f.times > 0);
    let out: { status: number; body?: any; headers?: Record<string, string> };
    let injected = false;
    if (fault) {
      fault.times--;
      // Server faults, and 403 "Resource not accessible by integration" (a token without the
      // permission), can come from any endpoint, whether or not the description lists them.
      injected = fault.status >= 500 || fault.status === 429 || fault.status === 403;
      out = {
        status: fault.status,
        body: {
          message: fault.status === 403 ? 'Resource not accessible by integration' : 'Server Error',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    } else {
      out = this.route(op, url, body);
    }
    this.violations.push(...checkResponse(op, out.status, out.headers ?? {}, out.body, injected));
    this.log.push({ method, path: url.pathname, template: op.template, status: out.status, body });
    send(res, out.status, out.body, out.headers);
  }
}

function notFound() {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...headers });
  res.end(text);
}
