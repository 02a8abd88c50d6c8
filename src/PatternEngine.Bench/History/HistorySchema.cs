using System.Collections.Immutable;

namespace PatternEngine.Bench.History;

/// <summary>
/// The history database's schema as a list of migrations: entry <c>i</c> takes a file from version <c>i</c> to
/// <c>i + 1</c>, so the current version is the list's length. The version lives in <c>PRAGMA user_version</c>,
/// and <c>PRAGMA application_id</c> marks the file as ours.
/// </summary>
internal static class HistorySchema
{
    /// <summary>"PTRN": tells our files from other SQLite databases.</summary>
    public const int ApplicationId = 0x5054524E;

    // Declared before Migrations: static fields initialise in the order they are written.
    private static readonly string Version1 = $"""
        CREATE TABLE benches (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            started_at_ms INTEGER NOT NULL,
            model TEXT NOT NULL,
            model_version TEXT,
            baseline TEXT NOT NULL,
            golden_file TEXT NOT NULL,
            cases INTEGER NOT NULL,
            repeats INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            bootstrap_resamples INTEGER NOT NULL,
            skipped_lines INTEGER NOT NULL
        );
        CREATE INDEX benches_by_time ON benches (started_at_ms);
        CREATE INDEX benches_by_model ON benches (model);

        CREATE TABLE pattern_results (
            id INTEGER PRIMARY KEY,
            bench_id INTEGER NOT NULL REFERENCES benches (id) ON DELETE CASCADE,
            pattern TEXT NOT NULL,
            version TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            is_baseline INTEGER NOT NULL,
            runs INTEGER NOT NULL,
            failed_runs INTEGER NOT NULL,
            cached_runs INTEGER NOT NULL,
            mean_tokens REAL NOT NULL,
            mean_cost_usd REAL NOT NULL,
            unpriced_calls INTEGER NOT NULL,
            accuracy REAL,
            latency_p50_ms REAL,
            latency_p95_ms REAL,
            {DeltaColumns("tokens")},
            {DeltaColumns("cost")},
            {DeltaColumns("latency_p50")},
            {DeltaColumns("latency_p95")},
            {DeltaColumns("accuracy")},
            UNIQUE (bench_id, pattern)
        );
        CREATE INDEX pattern_results_by_pattern ON pattern_results (pattern);

        CREATE TABLE samples (
            id INTEGER PRIMARY KEY,
            bench_id INTEGER NOT NULL REFERENCES benches (id) ON DELETE CASCADE,
            pattern_result_id INTEGER NOT NULL REFERENCES pattern_results (id) ON DELETE CASCADE,
            case_id TEXT NOT NULL,
            repeat_index INTEGER NOT NULL,
            calls INTEGER NOT NULL,
            cached_calls INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cost_usd REAL NOT NULL,
            unpriced_calls INTEGER NOT NULL,
            latency_ms REAL NOT NULL,
            correct INTEGER,
            error TEXT,
            answer TEXT NOT NULL
        );
        CREATE INDEX samples_by_bench ON samples (bench_id);
        CREATE INDEX samples_by_pattern_result ON samples (pattern_result_id);

        CREATE TABLE stages (
            id INTEGER PRIMARY KEY,
            sample_id INTEGER NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            stage TEXT NOT NULL,
            kind TEXT NOT NULL,
            model TEXT NOT NULL,
            skipped INTEGER NOT NULL,
            calls INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cost_usd REAL NOT NULL,
            unpriced_calls INTEGER NOT NULL,
            latency_ms REAL NOT NULL,
            issues INTEGER NOT NULL
        );
        CREATE INDEX stages_by_sample ON stages (sample_id);

        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            sample_id INTEGER NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
            stage_row_id INTEGER NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            stage TEXT NOT NULL,
            route TEXT NOT NULL,
            model TEXT NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            usage_source TEXT NOT NULL,
            cost_usd REAL,
            latency_ms REAL NOT NULL,
            finish_reason TEXT,
            error TEXT
        );
        CREATE INDEX calls_by_model ON calls (model);
        CREATE INDEX calls_by_sample ON calls (sample_id);
        CREATE INDEX calls_by_stage_row ON calls (stage_row_id);
        """;

    // Stages of included patterns (composed patterns) nest under the stage that ran them; calls stay with the stage
    // that made them, so that nothing is counted twice.
    private const string Version2 = """
        ALTER TABLE stages ADD COLUMN parent_id INTEGER REFERENCES stages (id) ON DELETE CASCADE;
        CREATE INDEX stages_by_parent ON stages (parent_id);
        """;

    // The review queue (SqliteReviewQueue) lives in the history's file: runs a review rule held, and their decisions.
    // Inputs are a JSON object of strings, reasons a JSON array; times are ISO 8601 in UTC.
    private const string ReviewQueue = """
        CREATE TABLE review_items (
            id INTEGER PRIMARY KEY,
            queued_at TEXT NOT NULL,
            pattern TEXT NOT NULL,
            version TEXT NOT NULL,
            run_id TEXT,
            case_id TEXT,
            inputs TEXT NOT NULL,
            answer TEXT NOT NULL,
            reasons TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
            decided_at TEXT,
            corrected_answer TEXT,
            note TEXT
        );
        CREATE INDEX review_items_by_status ON review_items (status, id);
        """;


    // Benches stream into history as they run (status 'running' until they finish or are interrupted), so that
    // `bench --resume` can continue one: what it must match (golden_hash, stage_models), each run's compact facts
    // for the summaries (facts: the checklist's tallies and a conversation's turns, as JSON), and one row per run.
    private const string StreamedBenches = """
        ALTER TABLE benches ADD COLUMN status TEXT NOT NULL DEFAULT 'complete';
        ALTER TABLE benches ADD COLUMN golden_hash TEXT;
        ALTER TABLE benches ADD COLUMN stage_models TEXT;
        ALTER TABLE samples ADD COLUMN replayed_calls INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE samples ADD COLUMN facts TEXT;
        CREATE UNIQUE INDEX samples_once ON samples (bench_id, pattern_result_id, case_id, repeat_index);
        """;

    public static readonly ImmutableArray<string> Migrations = [Version1, Version2, ReviewQueue, StreamedBenches];

    /// <summary>The columns of one delta: the estimate, its interval, and the expected range the pattern stated.</summary>
    private static string DeltaColumns(string metric) =>
        $"{metric}_delta REAL, {metric}_delta_low REAL, {metric}_delta_high REAL, {metric}_expected_min REAL, {metric}_expected_max REAL";
}
