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
/// or the rounds run out. Every round's critique and revision are kept in the details.
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
        var draft = context.ValueOf(definition.From).Text;
        if (draft is null)
        {
            context.AddIssue($"'{definition.From}' produced no draft; refining an empty one");
        }

        draft ??= "";
        var rounds = new JsonArray();
        var stoppedBy = "max_rounds";
        for (var round = 1; round <= definition.MaxRounds; round++)
        {
            var review = await context.CallAsync(critique, 2 * round, ("draft", draft), ("round", round)).ConfigureAwait(false);
            var critiqueText = review.Answer.Value.Text ?? review.Answer.Text;
            var accepted = Accepts(critiqueText, round, context);
            var record = new JsonObject { ["round"] = round, ["critique"] = critiqueText, ["accepted"] = accepted };
            rounds.Add(record);
            if (accepted)
            {
                stoppedBy = "accepted";
                break;
            }

            var revision = await context.CallAsync(revise, (2 * round) + 1, ("draft", draft), ("critique", critiqueText), ("round", round)).ConfigureAwait(false);
            record["revision"] = revision.Answer.Value.Text;
            if (revision.Answer.Value.Text is { } revised)
            {
                draft = revised;
            }
            else
            {
                context.AddIssue($"round {round}'s revision had no value; the draft before it is kept");
            }
        }

        var details = new JsonObject { ["rounds"] = rounds, ["stopped_by"] = stoppedBy };
        return new StageOutcome(StageValue.Of(draft), details);
    }

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
