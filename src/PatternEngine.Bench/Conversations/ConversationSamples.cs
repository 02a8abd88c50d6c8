using PatternEngine.Bench.Golden;
using PatternEngine.Conversations;
using PatternEngine.Execution;
using PatternEngine.Models.Calls;

namespace PatternEngine.Bench.Conversations;

/// <summary>
/// Runs a conversation case of a bench: its turns through the pattern in a fresh conversation held in memory (each
/// run its own, so runs never share facts and nothing is stored), summed into one sample that keeps every turn's
/// figures. The sample is correct when every turn that expects an answer got it.
/// </summary>
internal static class ConversationSamples
{
    /// <summary>The inputs a conversation case's first turn gives a pattern (for input checks and warm-ups).</summary>
    public static IReadOnlyDictionary<string, string> FirstTurnInputs(GoldenCase goldenCase) => goldenCase.Turns.IsEmpty
        ? goldenCase.Inputs
        : goldenCase.Inputs.SetItem(ConversationRunner.QuestionInput, goldenCase.Turns[0].User);

    public static async Task<BenchSample> RunAsync(string pattern, Compilation.CompiledPattern compiled, GoldenCase goldenCase, int repeat, RunOptions options, CancellationToken cancellationToken)
    {
        using var store = SqliteConversationStore.InMemory();
        var runner = new ConversationRunner(compiled, store, store);
        var id = (await runner.StartAsync(null, cancellationToken).ConfigureAwait(false)).Id;
        var played = new List<ScriptedTurnResult>(goldenCase.Turns.Length);
        string? error = null;
        RunRecord? failed = null;
        try
        {
            await ScriptedConversation.RunAsync(runner, id, goldenCase.Turns, options, goldenCase.Inputs, played.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (PatternRunException e) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"turn {played.Count}: {e.Message}";
            failed = e.Partial;
        }

        var records = played.Select(p => p.Record).Concat(failed is null ? [] : [failed]).ToList();
        var scored = played.Where(p => p.Correct is not null).ToList();
        var expectsAnswers = goldenCase.Turns.Any(t => t.Expected is not null);
        return new BenchSample
        {
            Pattern = pattern,
            CaseId = goldenCase.Id,
            Repeat = repeat,
            Calls = records.Sum(r => r.Totals.Calls),
            CachedCalls = records.Sum(r => r.Totals.CachedCalls),
            ReplayedCalls = records.Sum(r => r.AllCalls().Count(c => c.Source == CallSource.Replay)),
            InputTokens = records.Sum(r => r.Totals.InputTokens),
            OutputTokens = records.Sum(r => r.Totals.OutputTokens),
            CostUsd = records.Sum(r => r.Totals.CostUsd),
            UnpricedCalls = records.Sum(r => r.Totals.UnpricedCalls),
            LatencyMs = records.Sum(r => r.Totals.WallMs),
            Answer = records.Count == 0 ? "" : records[^1].Output.ToString(),
            // A conversation that failed did not answer what its later turns expected: wrong, not missing.
            Correct = expectsAnswers ? error is null && scored.All(p => p.Correct == true) : null,
            Error = error,
            Stages = [.. records.SelectMany((r, turn) => r.Stages.Select(s => s with { Id = $"turn{turn}.{s.Id}" }))],
            Turns = [.. records.Select((r, turn) => new BenchTurn(
                turn, r.Totals.InputTokens, r.Totals.OutputTokens, r.Totals.WallMs, turn < played.Count ? played[turn].Correct : expectsAnswers ? false : null))],
        };
    }
}
