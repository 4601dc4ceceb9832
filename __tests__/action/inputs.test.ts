import { describe, expect, test } from '@jest/globals';
import { DEFAULT_THRESHOLDS } from '../../src/analysis/gate.js';
import { DEFAULT_RUN_INDEX } from '../../src/analysis/grouping.js';
import { InputError, parseInputs, splitList } from '../../src/action/inputs.js';
import { actionDefaults } from './harness.js';

/** The inputs as the runner passes them: action.yml's defaults, a profiles glob, and `over`. */
const reader = (over: Record<string, string>) => {
  const inputs: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz', ...over };
  return (name: string) => inputs[name] ?? '';
};

/** The one-line message parseInputs refuses these inputs with. */
function refusal(over: Record<string, string>): string {
  try {
    parseInputs(reader(over));
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('the inputs were accepted');
}

describe('parseInputs', () => {
  test('action.yml’s defaults', () => {
    const inputs = parseInputs(reader({}));
    expect(inputs).toMatchObject({
      profiles: ['p/*.pb.gz'],
      baselineArtifact: 'pprof-baseline',
      baselineBranch: '',
      baselineWorkflow: '',
      baselinePath: '',
      token: 't',
      failOnRegression: true,
      comment: 'always',
      commentKey: '',
      top: 10,
      ignore: undefined,
      ignoreText: '',
      normalize: false,
      maxProfileBytes: 268435456,
      acceptLabel: 'pprof-gate: accept',
      alpha: 0.05,
      reportArtifact: 'pprof-gate-report',
    });
    expect(inputs.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(inputs.runIndex).toBe(DEFAULT_RUN_INDEX);
  });

  test('values given are trimmed and typed', () => {
    const inputs = parseInputs(
      reader({
        profiles: ' a/*.pb.gz,\n\n b/heap.pb.gz ,',
        'baseline-artifact': ' profs ',
        'baseline-branch': ' develop ',
        'baseline-workflow': ' ci.yml ',
        'baseline-path': ' base/ ',
        'github-token': ' tok ',
        thresholds: 'goroutine: 1',
        'fail-on-regression': 'False',
        comment: 'on-regression',
        'comment-key': ' go1.22 ',
        top: ' 0 ',
        ignore: '^vendor\\.',
        normalize: 'TRUE',
        'max-profile-bytes': '1024',
        'accept-label': ' ok ',
        alpha: '0.01',
        'group-by': '\\.run\\d+$',
        'report-artifact': ' flame ',
      }),
    );
    expect(inputs).toMatchObject({
      profiles: ['a/*.pb.gz', 'b/heap.pb.gz'],
      baselineArtifact: 'profs',
      baselineBranch: 'develop',
      baselineWorkflow: 'ci.yml',
      baselinePath: 'base/',
      token: 'tok',
      thresholdsText: 'goroutine: 1',
      failOnRegression: false,
      comment: 'on-regression',
      commentKey: 'go1.22',
      top: 0,
      ignoreText: '^vendor\\.',
      normalize: true,
      maxProfileBytes: 1024,
      acceptLabel: 'ok',
      alpha: 0.01,
      reportArtifact: 'flame',
    });
    expect(inputs.thresholds.goroutine).toEqual({ percent: 0, absolute: 1 });
    expect(inputs.ignore?.test('vendor.x')).toBe(true);
    expect(inputs.ignore?.test('main.vendor.x')).toBe(false);
    expect(inputs.runIndex.test('heap.run3')).toBe(true);
    // An empty comment mode and alpha take their defaults.
    expect(parseInputs(reader({ comment: ' ', alpha: '' }))).toMatchObject({ comment: 'always', alpha: 0.05 });
  });

  test.each([
    [{ profiles: ' , \n' }, 'input profiles: required (unless series or merge-reports is given), e.g. "profiles/*.pb.gz"'],
    [{ comment: 'sometimes' }, 'input comment: "sometimes" must be one of always, on-regression, never'],
    [{ 'series-interval': '30' }, 'input series-interval: "30" is not a duration such as 30s or 1m'],
    [{ 'series-warmup': 'soon' }, 'input series-warmup: "soon" is neither a duration (2m) nor a number of snapshots (3)'],
    [
      { 'series-thresholds': 'inuse_space: 1MiB' },
      'input series-thresholds: threshold for inuse_space: "1MiB" is not a rate (e.g. 1MiB/min, 2%/min)',
    ],
    [{ thresholds: 'inuse_space: lots' }, 'input thresholds: threshold for inuse_space: "lots" is not an amount (e.g. 10, 512KiB, 4MiB)'],
    [{ ignore: '(' }, /^input ignore: not a valid regular expression: .*Unterminated group$/],
    [{ 'group-by': '[' }, /^input group-by: not a valid regular expression: .*Unterminated character class$/],
    [{ alpha: '1' }, 'input alpha: "1" is not a number between 0 and 1'],
    [{ alpha: '0' }, 'input alpha: "0" is not a number between 0 and 1'],
    [{ alpha: 'x' }, 'input alpha: "x" is not a number between 0 and 1'],
    [{ 'baseline-artifact': '  ' }, 'input baseline-artifact: must not be empty'],
    [{ 'fail-on-regression': 'yes' }, 'input fail-on-regression: "yes" is not true or false'],
    [{ normalize: 'tRUE' }, 'input normalize: "tRUE" is not true or false'],
    [{ top: '-1' }, 'input top: "-1" is not a whole number'],
    [{ top: '1.5' }, 'input top: "1.5" is not a whole number'],
    [{ 'max-profile-bytes': '0' }, 'input max-profile-bytes: "0" is not a whole number of at least 1'],
    [{ 'max-profile-bytes': '9007199254740993' }, 'input max-profile-bytes: "9007199254740993" is not a whole number of at least 1'],
  ])('%j is refused: %s', (over, message) => {
    // The regular expression errors end with V8's own words.
    if (typeof message === 'string') expect(refusal(over)).toBe(message);
    else expect(refusal(over)).toMatch(message);
  });
});

describe('the record, history, drift, series and report inputs', () => {
  test('action.yml’s defaults', () => {
    expect(parseInputs(reader({}))).toMatchObject({
      includeHiddenFiles: false,
      record: 'auto',
      historyEntries: 100,
      driftThresholds: {},
      driftWindow: 30,
      failOnDrift: false,
      recordFailOnRegression: false,
      baselineRetentionDays: undefined,
      series: [],
      seriesInterval: undefined,
      annotations: true,
      checkName: '',
      jsonArtifact: '',
      mergeReports: '',
    });
  });

  test('values given are trimmed and typed', () => {
    const inputs = parseInputs(
      reader({
        profiles: '',
        series: ' soak/heap-*.pb.gz ',
        'include-hidden-files': 'true',
        record: ' false ',
        'history-entries': '1',
        'drift-thresholds': 'inuse_space: 5%',
        'drift-window': '2',
        'fail-on-drift': 'true',
        'record-fail-on-regression': 'True',
        'baseline-retention-days': ' 90 ',
        'series-interval': '30s',
        annotations: 'false',
        'check-name': ' pprof ',
        'json-artifact': ' leg-linux ',
        'merge-reports': ' leg-* ',
      }),
    );
    expect(inputs).toMatchObject({
      profiles: [],
      series: ['soak/heap-*.pb.gz'],
      includeHiddenFiles: true,
      record: false,
      historyEntries: 1,
      driftWindow: 2,
      failOnDrift: true,
      recordFailOnRegression: true,
      baselineRetentionDays: 90,
      seriesInterval: 30,
      annotations: false,
      checkName: 'pprof',
      jsonArtifact: 'leg-linux',
      mergeReports: 'leg-*',
    });
    expect(Object.keys(inputs.driftThresholds)).toEqual(['inuse_space']);
    expect(parseInputs(reader({ record: 'TRUE', 'baseline-retention-days': '1' }))).toMatchObject({
      record: true,
      baselineRetentionDays: 1,
    });
    // merge-reports alone needs no profiles.
    expect(parseInputs(reader({ profiles: '', 'merge-reports': 'leg-*' })).profiles).toEqual([]);
  });

  test.each([
    [{ record: 'sometimes' }, 'input record: "sometimes" is not auto, true or false'],
    [{ 'baseline-retention-days': '91' }, "input baseline-retention-days: 91 is over GitHub's maximum of 90 days"],
    [{ 'baseline-retention-days': '0' }, 'input baseline-retention-days: "0" is not a whole number of at least 1'],
    [{ 'history-entries': '0' }, 'input history-entries: "0" is not a whole number of at least 1'],
    [{ 'drift-window': '1' }, 'input drift-window: "1" is not a whole number of at least 2'],
    [{ 'series-interval': '0s' }, 'input series-interval: "0s" is not a duration such as 30s or 1m'],
    [{ 'check-name': 'a\nb' }, 'input check-name: must be one line of at most 100 characters'],
    [{ 'merge-reports': 'x'.repeat(101) }, 'input merge-reports: must be one line of at most 100 characters'],
    [
      { 'drift-thresholds': 'inuse_space: lots' },
      'input drift-thresholds: threshold for inuse_space: "lots" is not an amount (e.g. 10, 512KiB, 4MiB)',
    ],
  ])('%j is refused: %s', (over, message) => {
    expect(refusal(over)).toBe(message);
  });
});

describe('input comment-key', () => {
  test('is trimmed, empty by default', () => {
    expect(parseInputs(reader({})).commentKey).toBe('');
    expect(parseInputs(reader({ 'comment-key': ' go1.22 ' })).commentKey).toBe('go1.22');
    expect(parseInputs(reader({ 'comment-key': 'x'.repeat(100) })).commentKey).toHaveLength(100);
  });

  test('more than one line, or very long, is refused naming the input', () => {
    for (const bad of ['a\nb', 'a\rb', 'x'.repeat(101)]) {
      expect(refusal({ 'comment-key': bad })).toBe('input comment-key: must be one line of at most 100 characters');
    }
  });
});

describe('splitList', () => {
  test('newlines and commas separate; blanks are dropped', () => {
    expect(splitList('a, b\n\n c ,,\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitList(' \n , ')).toEqual([]);
  });
});
