using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Selection;

namespace PatternEngine.Bench.Estimation;

/// <summary>
/// Estimates what one run of a pattern will spend before it spends anything: per stage that calls a model, the
/// expected and worst-case calls, tokens and cost. It reads the pattern, the catalog and the history only; it never
/// calls a model. The worst case is the pattern's bounds: every sample, every refine round and tool round, each call
/// sending its prompt (its template with the given inputs and the stage values it reads at their most, counted as the
/// run's budget counts them) and answering its whole <c>max_tokens</c> (or the catalog entry's). The expected figures
/// are the history's measured profile of the stage on its model (<see cref="ProfileSource"/>) when there is one, else
/// the same prior with refine and tool loops at one round.
/// </summary>
public static partial class SpendEstimator
{
    /// <summary>Estimates one run of <paramref name="definition"/>.</summary>
    /// <exception cref="History.BenchHistoryException">The database named is not a bench history.</exception>
    public static SpendEstimate Estimate(PatternDefinition definition, EstimateOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        var profiles = options.Database is { } database
            ? ProfileSource.Read(database, definition.Name, options.Catalog)
            : new Dictionary<string, IReadOnlyDictionary<string, StageProfile>>();
        var stages = ImmutableArray.CreateBuilder<StageEstimate>();
        Add(definition, "", Times.Once, options.Inputs, options, profiles, stages);
        return new SpendEstimate { Pattern = definition.Name, Stages = stages.ToImmutable() };
    }

    private static void Add(
        PatternDefinition definition, string prefix, Times repeats, IReadOnlyDictionary<string, string> inputs, EstimateOptions options,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, StageProfile>> profiles, ImmutableArray<StageEstimate>.Builder stages)
    {
        Times ItemsOf(string name) => Items(definition, name, inputs);
        foreach (var stage in definition.Stages)
        {
            if (stage.Includes is { Definition: { } included })
            {
                var times = stage switch
                {
                    FanOutStage fanOut => new Times(fanOut.Count, fanOut.Count),
                    MapStage map => ItemsOf(map.Over),
                    _ => Times.Once,
                };

                // An included pattern's inputs are bound from this run's values at run time: their size is not known here.
                Add(included, prefix + stage.Id + (stage.IncludesPerItem ? "[*]." : "."), repeats * times, new Dictionary<string, string>(), options, profiles, stages);
                continue;
            }

            var slots = stage.Prompts.ToList();
            if (slots.Count == 0)
            {
                continue;
            }

            stages.Add(Stage(definition, stage, slots, prefix + stage.Id, repeats, inputs, options, profiles, ItemsOf));
        }
    }

    private static StageEstimate Stage(
        PatternDefinition definition, StageDefinition stage, List<PromptSlot> slots, string id, Times repeats, IReadOnlyDictionary<string, string> inputs,
        EstimateOptions options, IReadOnlyDictionary<string, IReadOnlyDictionary<string, StageProfile>> profiles, Func<string, Times> itemsOf)
    {
        var model = Model(slots[0].Prompt, options);
        var entry = options.Catalog.Find(model);
        double expectedCalls = 0, expectedTokens = 0;
        long worstCalls = 0, worstTokens = 0;
        decimal? expectedCost = 0, worstCost = 0;
        var unknown = repeats.Unknown;
        var notes = new List<string>();
        foreach (var slot in slots)
        {
            var (perStage, note) = StageCalls.Of(stage, slot, itemsOf);
            var calls = perStage * repeats;
            unknown |= calls.Unknown;
            var sent = PromptTokens(definition, stage, slot, model, inputs, options);
            var answered = MostAnswered(slot.Prompt, options);
            expectedCalls += calls.Expected;
            worstCalls += calls.Worst;
            expectedTokens += calls.Expected * (sent + answered);
            worstTokens += calls.Worst * (sent + answered);
            expectedCost += entry?.CostOf((long)Math.Ceiling(calls.Expected * sent), (long)Math.Ceiling(calls.Expected * answered));
            worstCost += entry?.CostOf(calls.Worst * sent, calls.Worst * answered);
            if (note.Length > 0)
            {
                notes.Add(note);
            }
        }

        if (repeats.Worst > 1)
        {
            notes.Add($"x{repeats.Worst} (included pattern's runs)");
        }

        var estimate = new StageEstimate
        {
            Stage = id,
            Kind = PatternPlan.KindName(stage.Kind),
            Model = entry?.Id ?? model,
            Basis = EstimateBasis.Prior,
            ExpectedCalls = expectedCalls,
            WorstCalls = worstCalls,
            ExpectedTokens = expectedTokens,
            WorstTokens = worstTokens,
            ExpectedCostUsd = entry is null ? null : expectedCost,
            WorstCostUsd = entry is null ? null : worstCost,
            ItemsUnknown = unknown,
            Note = string.Join("; ", notes.Distinct(StringComparer.Ordinal)),
        };

        // A measured profile replaces the expected figures: it already holds every call the stage made per run.
        return profiles.GetValueOrDefault(id)?.GetValueOrDefault(estimate.Model) is { Runs: > 0, MeanTokens: { } tokens } profile
            ? estimate with
            {
                Basis = EstimateBasis.Measured,
                ExpectedCalls = profile.Calls / (double)profile.Runs,
                ExpectedTokens = tokens,
                ExpectedCostUsd = profile.MeanCostUsd is { } cost ? (decimal)cost : null,
                Note = profile.Basis + (estimate.Note.Length == 0 ? "" : "; worst case: " + estimate.Note),
            }
            : estimate;
    }

    private static string Model(PromptSpec prompt, EstimateOptions options) =>
        prompt.Model == PromptSpec.DefaultModel ? options.DefaultModel : prompt.Model;

    // The prompt as sent: its system text and template, with the given inputs it names put in and, for each stage
    // value it reads, that stage's answers at their most (max_tokens each).
    private static long PromptTokens(
        PatternDefinition definition, StageDefinition stage, PromptSlot slot, string model, IReadOnlyDictionary<string, string> inputs, EstimateOptions options)
    {
        var text = slot.Prompt.Template;
        long values = 0;
        foreach (var name in Names(slot.Prompt.Template).Distinct(StringComparer.Ordinal))
        {
            if (inputs.TryGetValue(name, out var value))
            {
                text += value;
            }
            else if (stage is RefineStage { Critique: var critique } && name == "critique")
            {
                values += MostAnswered(critique, options);
            }
            else if (ValueSource(stage, slot, name) is { } source && definition.Stages.FirstOrDefault(s => s.Id == source) is { } read)
            {
                values += MostAnswered(read, options);
            }
        }

        IReadOnlyList<ChatMessage> sent = [new(ChatRole.User, text)];
        return Budgets.PromptTokens.Count(model, sent, new ChatOptions { Instructions = slot.Prompt.System }) + values;
    }

    // A stage's own names stand for values it binds: a refine's draft is its source's answer (or its own revision).
    private static string? ValueSource(StageDefinition stage, PromptSlot slot, string name) => (stage, name) switch
    {
        (RefineStage refine, "draft") => refine.From,
        _ when slot.Locals.Contains(name) => null,
        _ => name,
    };

    private static long MostAnswered(StageDefinition stage, EstimateOptions options)
    {
        var perCall = stage.Prompts.Sum(p => MostAnswered(p.Prompt, options));
        return stage is FanOutStage fanOut ? perCall * fanOut.Count : perCall;
    }

    private static long MostAnswered(PromptSpec prompt, EstimateOptions options) =>
        options.Catalog.Find(Model(prompt, options))?.Settings?.MaxOutputTokens ?? prompt.MaxTokens;

    // A map's items: the list input given, a fan-out's samples, else unknown.
    private static Times Items(PatternDefinition definition, string name, IReadOnlyDictionary<string, string> inputs)
    {
        if (inputs.TryGetValue(name, out var text))
        {
            var count = Count(text);
            return new Times(count, count);
        }

        return definition.Stages.FirstOrDefault(s => s.Id == name) is FanOutStage fanOut
            ? new Times(fanOut.Count, fanOut.Count)
            : new Times(1, 1, Unknown: true);
    }

    // Read as a run reads a list input; text that is no list counts as one item.
    private static long Count(string list) =>
        Execution.InputValues.FromText(InputType.List, list, out _)?.AsList().Length ?? 1;

    private static IEnumerable<string> Names(string template) =>
        Blocks().Matches(template).SelectMany(block => Identifier().Matches(block.Groups[1].Value).Select(m => m.Value));

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_]\w*", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Identifier();
}
