using System.Globalization;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.Refine;

/// <summary>
/// Critique, then revise, round after round, until a critique matches <c>stop_when</c> (the draft is accepted)
/// or the rounds run out. Every round's critique and revision are kept in the details. Fed a list, it refines every
/// item so, concurrently, each with seeds of its own, and its value is the list of last drafts.
/// </summary>
internal sealed class RefineNode(RefineStage definition, ImmutableArray<string> dependsOn, PromptCall critique, PromptCall revise)
    : StageNode(definition, dependsOn)
{
    private readonly Regex _accepts = new(definition.StopWhen, RegexOptions.None, InputLimits.RegexTimeout);

    public override IEnumerable<(string Field, PromptCall Call)> Calls => [("critique", critique), ("revise", revise)];

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["from"] = definition.From,
        ["max_rounds"] = definition.MaxRounds.ToString(CultureInfo.InvariantCulture),
        ["stop_when"] = definition.StopWhen,
    };

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var source = context.ValueOf(definition.From);
        if (source.IsList)
        {
            return await RefineEachAsync(context, source.AsList()).ConfigureAwait(false);
        }

        var draft = source.Text;
        if (draft is null)
        {
            context.AddIssue($"'{definition.From}' produced no draft; refining an empty one");
        }

        var (refined, details) = await RefineAsync(context, draft ?? "", item: null).ConfigureAwait(false);
        return new StageOutcome(StageValue.Of(refined), details);
    }

    // An item with no value (a sample that could not be parsed) is not worth a call: it stays empty.
    private async Task<StageOutcome> RefineEachAsync(StageContext context, ImmutableArray<string?> drafts)
    {
        var results = await Task.WhenAll(drafts.Select(async (draft, index) =>
        {
            if (draft is null)
            {
                context.AddIssue($"item {index} of '{definition.From}' has no value; it was not refined");
                return ((string?)null, (JsonObject?)null);
            }

            var (refined, details) = await RefineAsync(context, draft, index).ConfigureAwait(false);
            return (refined, details);
        })).ConfigureAwait(false);
        var items = new JsonArray([.. results.Select(r => (JsonNode?)r.Item2)]);
        return new StageOutcome(StageValue.List(results.Select(r => r.Item1)), new JsonObject { ["items"] = items });
    }

    private async Task<(string Draft, JsonObject Details)> RefineAsync(StageContext context, string draft, int? item)
    {
        var rounds = new JsonArray();
        var stoppedBy = "max_rounds";
        var which = item is { } i ? $"item {i}, " : "";
        for (var round = 1; round <= definition.MaxRounds; round++)
        {
            var review = await CallAsync(context, critique, item, 2 * round, ("draft", draft), ("round", round)).ConfigureAwait(false);
            var critiqueText = review.Answer.Value.Text ?? review.Answer.Text;
            var accepted = Accepts(critiqueText, round, context);
            var record = new JsonObject { ["round"] = round, ["critique"] = critiqueText, ["accepted"] = accepted };
            rounds.Add(record);
            if (accepted)
            {
                stoppedBy = "accepted";
                break;
            }

            var revision = await CallAsync(context, revise, item, (2 * round) + 1, ("draft", draft), ("critique", critiqueText), ("round", round)).ConfigureAwait(false);
            record["revision"] = revision.Answer.Value.Text;
            if (revision.Answer.Value.Text is { } revised)
            {
                draft = revised;
            }
            else
            {
                context.AddIssue($"{which}round {round}'s revision had no value; the draft before it is kept");
            }
        }

        return (draft, new JsonObject { ["rounds"] = rounds, ["stopped_by"] = stoppedBy });
    }

    // A lone draft keeps the seeds it always had; items of a list get seeds of their own.
    private static Task<PromptResult> CallAsync(StageContext context, PromptCall call, int? item, int number, params (string Name, object? Value)[] locals) =>
        item is { } index ? context.CallForItemAsync(call, index, number, locals) : context.CallAsync(call, number, locals);

    // A critique stop_when cannot be matched against in time does not accept the draft; the stage says so.
    private bool Accepts(string critique, int round, StageContext context)
    {
        try
        {
            return _accepts.IsMatch(critique);
        }
        catch (RegexMatchTimeoutException)
        {
            context.AddIssue($"stop_when ran longer than {InputLimits.RegexTimeout.TotalSeconds:0.#} s on round {round}'s critique; the draft was not accepted");
            return false;
        }
    }
}
