using System.Collections.Immutable;

namespace PatternEngine.Definitions;

/// <summary>
/// Checks a text (an input or an earlier stage's value) with one or more checks: local rules, a sentinel model
/// prompt, a moderation endpoint. Its value is the text, with what a <see cref="GuardAction.Redact"/> verdict matched
/// replaced; a <see cref="GuardAction.Block"/> verdict stops the run (status <c>blocked</c>) before any further call.
/// </summary>
public sealed record GuardStage : StageDefinition
{
    /// <summary>The input or stage whose value is checked.</summary>
    public required string Text { get; init; }

    /// <summary>The checks, run in order; a block ends them.</summary>
    public required ImmutableArray<GuardCheck> Checks { get; init; }

    /// <summary>What a check that cannot decide (a sentinel that does not answer a verdict, a moderation call that fails) counts as: block by default (fail closed).</summary>
    public GuardAction OnError { get; init; } = GuardAction.Block;

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Guard;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts =>
        Checks.Where(c => c.Sentinel is not null).Select(c => new PromptSlot("sentinel", c.Sentinel!, ["text"]));

    /// <inheritdoc />
    public override IEnumerable<(string Field, string Name)> References => [("text", Text)];
}

/// <summary>One check of a guard: exactly one of local rules, a sentinel prompt, or moderation.</summary>
public sealed record GuardCheck
{
    /// <summary>Detectors of the local rules: <c>email</c>, <c>phone</c>, <c>card</c> (card numbers that pass the Luhn check).</summary>
    public ImmutableArray<string> Detectors { get; init; } = [];

    /// <summary>Built-in rule sets of the local rules, by name (<see cref="Guards.GuardRuleSets.Names"/>): <c>prompt-injection</c> or one of its families.</summary>
    public ImmutableArray<string> RuleSets { get; init; } = [];

    /// <summary>Regular expressions of the local rules.</summary>
    public ImmutableArray<string> Patterns { get; init; } = [];

    /// <summary>Words of the local rules, matched whole and regardless of case.</summary>
    public ImmutableArray<string> Words { get; init; } = [];

    /// <summary>What a local rule's match does: <see cref="GuardAction.Redact"/> or <see cref="GuardAction.Block"/>.</summary>
    public GuardAction Action { get; init; } = GuardAction.Block;

    /// <summary>
    /// A sentinel prompt (<c>text</c> is bound) whose answer is a JSON verdict:
    /// <c>{"verdict": "allow" | "redact" | "block", "reason": "...", "spans": ["..."]}</c>.
    /// </summary>
    public PromptSpec? Sentinel { get; init; }

    /// <summary>Whether the check is the moderation endpoint's; a flagged text gets <see cref="Action"/>.</summary>
    public bool Moderation { get; init; }

    /// <summary>The moderation model to ask for; null lets the endpoint choose.</summary>
    public string? ModerationModel { get; init; }

    /// <summary>Where the check was written.</summary>
    public required SourceSpan Source { get; init; }
}

/// <summary>A guard's verdict on a text.</summary>
public enum GuardAction
{
    /// <summary>The text goes on as it is.</summary>
    Allow,

    /// <summary>The matched spans are replaced before the text goes on.</summary>
    Redact,

    /// <summary>The run stops; no further model call is made.</summary>
    Block,
}
