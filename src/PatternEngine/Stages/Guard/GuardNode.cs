using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Guards;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Measurement;

namespace PatternEngine.Stages.Guard;

/// <summary>
/// Runs a guard's checks in order on its text: local rules, sentinel prompts (measured like any call) and moderation
/// (measured as a call of route <c>moderation</c>). Redactions carry on to the next check and become the value; a block
/// throws <see cref="GuardBlockedException"/>, which stops the run before any further call. Its details list each
/// check's verdict.
/// </summary>
internal sealed class GuardNode : StageNode
{
    private readonly GuardStage _definition;
    private readonly ImmutableArray<(GuardCheck Check, LocalRules? Rules, PromptCall? Sentinel)> _checks;
    private readonly IModerationClient? _moderation;

    public GuardNode(GuardStage definition, ImmutableArray<string> dependsOn, Func<PromptSpec, PromptCall> call, IModerationClient? moderation)
        : base(definition, dependsOn)
    {
        _definition = definition;
        _moderation = moderation;
        _checks = [.. definition.Checks.Select(c => (c, c.Sentinel is null && !c.Moderation ? new LocalRules(c) : null, c.Sentinel is { } s ? call(s) : null))];
    }

    public override IEnumerable<(string Field, PromptCall Call)> Calls => _checks.Where(c => c.Sentinel is not null).Select(c => ("sentinel", c.Sentinel!));

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["text"] = _definition.Text,
        ["checks"] = string.Join(",", _definition.Checks.Select(Name)),
        ["on_error"] = _definition.OnError.ToString().ToLowerInvariant(),
    };

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var text = context.ValueOf(_definition.Text).ToString();
        var verdicts = new JsonArray();
        var overall = GuardAction.Allow;
        for (var i = 0; i < _checks.Length; i++)
        {
            var (check, rules, sentinel) = _checks[i];
            var (action, reason, redacted) = rules is not null ? Rules(rules, check, text)
                : sentinel is not null ? await SentinelAsync(context, sentinel, i, text).ConfigureAwait(false)
                : await ModerateAsync(context, check, text).ConfigureAwait(false);
            verdicts.Add(new JsonObject { ["check"] = Name(check), ["verdict"] = Verdict(action), ["reason"] = reason });
            if (action == GuardAction.Block)
            {
                throw new GuardBlockedException(context.QualifiedId, $"{Name(check)}: {reason}");
            }

            if (action == GuardAction.Redact)
            {
                overall = GuardAction.Redact;
                text = redacted ?? text;
            }
        }

        return new StageOutcome(StageValue.Of(text), new JsonObject { ["verdict"] = Verdict(overall), ["checks"] = verdicts });
    }

    private static string Name(GuardCheck check) => check.Sentinel is not null ? "sentinel" : check.Moderation ? "moderation" : "rules";

    private static string Verdict(GuardAction action) => action.ToString().ToLowerInvariant();

    private static (GuardAction, string?, string?) Rules(LocalRules rules, GuardCheck check, string text)
    {
        var matches = rules.Matches(text);
        if (matches.Count == 0)
        {
            return (GuardAction.Allow, null, null);
        }

        var reason = "matched " + string.Join(", ", matches.Select(m => m.Rule).Distinct(StringComparer.Ordinal));
        return check.Action == GuardAction.Redact ? (GuardAction.Redact, reason, LocalRules.Redact(text, matches)) : (check.Action, reason, null);
    }

    private async Task<(GuardAction, string?, string?)> SentinelAsync(StageContext context, PromptCall sentinel, int number, string text)
    {
        var result = await context.CallAsync(sentinel, number, ("text", text)).ConfigureAwait(false);
        if (SentinelVerdict.Parse(result.Answer.Text) is not { } verdict)
        {
            return Undecided($"the sentinel answered no JSON verdict ({Shorten(result.Answer.Text)})");
        }

        var redacted = verdict.Action == GuardAction.Redact
            ? verdict.Spans.Where(s => s.Length > 0).Aggregate(text, (t, span) => t.Replace(span, "[REDACTED:sentinel]", StringComparison.Ordinal))
            : null;
        return (verdict.Action, verdict.Reason, redacted);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "A moderation failure is the guard's to decide: it fails open or closed as the file says.")]
    private async Task<(GuardAction, string?, string?)> ModerateAsync(StageContext context, GuardCheck check, string text)
    {
        if (_moderation is null)
        {
            return Undecided("no moderation endpoint is configured");
        }

        var started = Stopwatch.GetTimestamp();
        ModerationResult? result = null;
        Exception? error = null;
        try
        {
            result = await _moderation.ModerateAsync(text, check.ModerationModel, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            error = e;
        }

        CallScope.Current?.Add(new CallRecord
        {
            Stage = context.QualifiedId,
            Route = "moderation",
            Model = result?.Model ?? check.ModerationModel ?? "moderation",
            UsageSource = UsageSource.None,
            CostUsd = 0,
            LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Messages = [new SentMessage("user", text)],
            Response = result is null ? "" : JsonSerializer.Serialize(new { flagged = result.Flagged, categories = result.Categories }),
            Error = error?.Message,
        });
        if (result is null)
        {
            return Undecided($"the moderation call failed: {Shorten(error!.Message)}");
        }

        return result.Flagged
            ? (check.Action == GuardAction.Redact ? GuardAction.Block : check.Action, "flagged " + string.Join(", ", result.Categories), null)
            : (GuardAction.Allow, null, null);
    }

    private (GuardAction, string?, string?) Undecided(string why) =>
        _definition.OnError == GuardAction.Block ? (GuardAction.Block, why + " (failing closed)", null) : (GuardAction.Allow, why + " (failing open)", null);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
