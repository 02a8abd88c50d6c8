using System.Collections.Concurrent;
using System.Collections.Immutable;
using PatternEngine.Bench.Conversations;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Scoring;
using PatternEngine.Bench.Statistics;
using PatternEngine.Bench.Streaming;
using PatternEngine.Conversations;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Calls;

namespace PatternEngine.Bench;

/// <summary>
/// Runs every pattern and the baseline on every golden case, <see cref="BenchOptions.Repeats"/> times, and
/// summarises what they cost and bought against the baseline. A failed run is kept with what it measured;
/// a cancelled bench returns what finished, marked <see cref="BenchReport.Interrupted"/>.
/// </summary>
public static class BenchRunner
{
    /// <summary>Runs the bench.</summary>
    /// <param name="baseline">The pattern every delta is measured against.</param>
    /// <param name="patterns">The patterns to measure; the baseline may be among them, it runs once.</param>
    /// <param name="golden">The cases.</param>
    /// <param name="options">Repeats, seed, concurrency and the rest.</param>
    /// <param name="progress">Hears each run as it finishes.</param>
    /// <param name="cancellationToken">Stops the bench; what finished is summarised.</param>
    /// <exception cref="BenchInputException">A case does not fit a pattern's inputs; nothing ran.</exception>
    public static async Task<BenchReport> RunAsync(
        BenchEntry baseline,
        IReadOnlyList<BenchEntry> patterns,
        GoldenSet golden,
        BenchOptions? options = null,
        IProgress<BenchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(golden);
        options ??= new BenchOptions();
        options.Validate();

        var entries = BenchModes.Apply(Entries(baseline, patterns), options.Mode);
        CheckInputs(entries.Select(e => e.Pattern.Definition), golden);
        Judging.BenchJudge.RequireFor(golden, options.Judge);
        var compactor = new SampleCompactor();
        var stored = BenchStore.Open(entries, golden, options, compactor);
        var done = stored.Resumed.Length;
        var finishedBefore = stored.Resumed.Select(s => (s.Pattern, s.CaseId, s.Repeat)).ToHashSet();
        var total = golden.Cases.Length * options.Repeats * entries.Count;

        // Jobs are made as the loop takes them, and a finished run keeps only its compact facts: memory stays flat
        // however many runs a bench has (its full record went to the history and the log as it finished).
        var jobs = from goldenCase in golden.Cases
                   from repeat in Enumerable.Range(0, options.Repeats)
                   from entry in entries
                   where !finishedBefore.Contains((entry.Name, goldenCase.Id, repeat))
                   select new BenchJob(entry, goldenCase, repeat);

        var samples = new ConcurrentQueue<BenchSample>(stored.Resumed);
        var interrupted = false;
        try
        {
            if (options.Warmup && golden.Cases.Length > 0)
            {
                await WarmUpAsync(entries, golden, options, cancellationToken).ConfigureAwait(false);
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(jobs, parallel, async (job, token) =>
            {
                var sample = await RunOneAsync(job, options, token).ConfigureAwait(false);
                samples.Enqueue(compactor.Compact(sample));
                if (stored.Stream is { } stream)
                {
                    await stream.AddAsync(sample).ConfigureAwait(false);
                }

                progress?.Report(new BenchProgress(Interlocked.Increment(ref done), total, sample)); // each count once, also when runs overlap
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or PatternRunException)
        {
            // A run the cancellation cut short is not a sample: its figures would be those of a run that never finished.
            interrupted = true;
        }
        finally
        {
            await stored.FlushAsync().ConfigureAwait(false);
        }

        var finished = samples.ToImmutableArray();
        var report = new BenchReport
        {
            StartedAt = stored.StartedAt,
            Model = compactor.Models is { Count: > 0 } models ? string.Join(", ", models) : "unknown",
            ModelVersion = options.ModelVersion,
            Baseline = baseline.Name,
            Mode = options.Mode,
            GoldenFile = golden.File,
            Cases = golden.Cases.Length,
            Repeats = options.Repeats,
            Seed = options.Seed,
            BootstrapResamples = options.Resamples,
            Interrupted = interrupted,
            LatencyMeasured = !options.Batched,
            SkippedLines = golden.Errors,
            Patterns = BatchedLatency.Apply(options, BenchSummarizer.Summarize(finished, baseline.Name, entries.Select(Info).ToList(), options.Seed, options.Resamples)),
            Samples = finished,
            ResumedRuns = stored.Resumed.Length,
        };
        return stored.Finish(report);
    }

    private static List<BenchEntry> Entries(BenchEntry baseline, IReadOnlyList<BenchEntry> patterns)
    {
        var entries = new List<BenchEntry> { baseline };
        foreach (var entry in patterns.Where(p => p.Name != baseline.Name))
        {
            if (entries.Any(e => e.Name == entry.Name))
            {
                throw new ArgumentException($"two patterns are named '{entry.Name}'; a bench tells patterns apart by name", nameof(patterns));
            }

            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>
    /// Checks that every case gives every pattern the inputs it takes, and none it does not: a case that does not fit
    /// would fail each of its runs, so a bench says so before it spends a token. <see cref="RunAsync"/> checks too;
    /// call this to check before loading a model.
    /// </summary>
    /// <exception cref="BenchInputException">Every case that does not fit, as <c>file:line: case 'id': problem</c>.</exception>
    public static void CheckInputs(IEnumerable<PatternDefinition> patterns, GoldenSet golden)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(golden);
        var definitions = patterns.ToList();
        var problems = new List<Diagnostic>();
        foreach (var goldenCase in golden.Cases)
        {
            foreach (var definition in definitions)
            {
                try
                {
                    if (!goldenCase.Turns.IsEmpty && !definition.Inputs.Any(i => i.Name == ConversationRunner.QuestionInput))
                    {
                        throw new PatternInputException($"pattern '{definition.Name}' has no input 'question', which a conversation gives each turn's text to");
                    }

                    InputBinder.Bind(definition, ConversationSamples.FirstTurnInputs(goldenCase));
                }
                catch (PatternInputException e)
                {
                    problems.Add(new Diagnostic(new SourceLocation(golden.File, goldenCase.Line, Column: 0), $"case '{goldenCase.Id}': {e.Message}"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new BenchInputException(problems);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "A warm-up run measures nothing; the measured runs report failures.")]
    private static async Task WarmUpAsync(List<BenchEntry> entries, GoldenSet golden, BenchOptions options, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            try
            {
                await entry.Pattern.RunAsync(ConversationSamples.FirstTurnInputs(golden.Cases[0]), new RunOptions { Seed = unchecked(options.Seed - 1) }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private static async Task<BenchSample> RunOneAsync(BenchJob job, BenchOptions options, CancellationToken cancellationToken)
    {
        var runOptions = new RunOptions
        {
            Seed = options.Seed + job.Repeat,
            Log = options.Log is { } log && job.Case.Turns.IsEmpty ? new BenchRunLog(log, job.Case, job.Repeat) : options.Log,
            Budget = options.Budget,
        };
        if (!job.Case.Turns.IsEmpty)
        {
            return await ConversationSamples.RunAsync(job.Entry.Name, job.Entry.Pattern, job.Case, job.Repeat, runOptions, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var record = await job.Entry.Pattern.RunAsync(job.Case.Inputs, runOptions, cancellationToken).ConfigureAwait(false);
            return await Judging.SampleJudging.ApplyAsync(Sample(job, record, error: null), job.Case, options, cancellationToken).ConfigureAwait(false);
        }
        catch (PatternRunException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A guard that blocks has done its work, not failed: the run gave no answer (wrong where one is expected) and
            // its latency is that of the guard, but it is no error for --max-error-rate, so a guard bench needs no waiver.
            var error = e.Partial.Status == RunStatus.Blocked ? null : e.Message;
            return await Judging.SampleJudging.ApplyAsync(Sample(job, e.Partial, error), job.Case, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private static BenchSample Sample(BenchJob job, RunRecord record, string? error)
    {
        var answer = record.Output.ToString();
        return new BenchSample
        {
            Pattern = job.Entry.Name,
            CaseId = job.Case.Id,
            Repeat = job.Repeat,
            Calls = record.Totals.Calls,
            CachedCalls = record.Totals.CachedCalls,
            ReplayedCalls = record.AllCalls().Count(c => c.Source == CallSource.Replay),
            InputTokens = record.Totals.InputTokens,
            OutputTokens = record.Totals.OutputTokens,
            CostUsd = record.Totals.CostUsd,
            UnpricedCalls = record.Totals.UnpricedCalls,
            LatencyMs = record.Totals.WallMs,
            Answer = answer,
            Correct = Score(job.Case, record, error),
            Error = error,
            Guard = GuardVerdicts.Of(job.Case, record),
            Stages = record.Stages,
            Review = PatternEngine.Review.ReviewSubmission.For(record, job.Case.Inputs, job.Case.Id),
        };
    }

    /// <summary>Whether a run's answer is right; null when the case expects nothing.</summary>
    internal static bool? Score(GoldenCase goldenCase, RunRecord record, string? error) =>
        // A run that failed gave no answer; on a case that expects one, that is a wrong answer, not a missing one.
        AnswerScorer.Score(goldenCase, record.Output.ToString()) is { } right ? error is null && right : null;

    internal static BenchPatternInfo Info(BenchEntry entry) =>
        new(entry.Name, entry.Pattern.Definition.Version, entry.FileHash, entry.Pattern.Definition.Expected);

    private sealed record BenchJob(BenchEntry Entry, GoldenCase Case, int Repeat);
}
