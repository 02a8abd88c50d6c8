using System.Collections.Immutable;

namespace PatternEngine.Definitions;

/// <summary>
/// Another pattern run from this one: by a <c>pattern</c> stage, or as the body of a <c>fan_out</c> or <c>map</c>.
/// Its inputs are bound by Scriban templates over this pattern's inputs and stages; a template that is one
/// expression alone (<c>"{{ flag }}"</c>) keeps its value's type (a boolean, a number, a list), any other renders text.
/// </summary>
public sealed record PatternCall
{
    /// <summary>
    /// The pattern as written: a built-in pattern's name (<c>chain-of-thought</c>), or a file path relative to the
    /// including file (it ends in <c>.yaml</c> or has a <c>/</c>).
    /// </summary>
    public required string Pattern { get; init; }

    /// <summary>The included pattern's inputs, by name, each a Scriban template (numbers and booleans as <c>{{ 5 }}</c>).</summary>
    public ImmutableDictionary<string, string> Inputs { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Logical model names for the included pattern's stages, by their qualified id within it (<c>critique</c>,
    /// <c>samples[*].answer</c>); they replace the models those stages name.
    /// </summary>
    public ImmutableDictionary<string, string> Models { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The temperature every prompt of the included pattern samples at (those of the patterns it includes too), in
    /// place of what they name; null to keep theirs. Sampling a greedy pattern (<c>chain-of-thought</c>) several times
    /// needs one above zero.
    /// </summary>
    public double? Temperature { get; init; }

    /// <summary>The included pattern, once resolved (loading a file resolves it); null until then.</summary>
    public PatternDefinition? Definition { get; init; }

    /// <summary>Where the call was written (the stage, or its body).</summary>
    public required SourceSpan Source { get; init; }

    /// <summary>Where each binding was written, by input name.</summary>
    public SourceSpan? InputsSource { get; init; }

    /// <summary>Where each model override was written, by stage id.</summary>
    public SourceSpan? ModelsSource { get; init; }

    /// <summary>Where the binding of <paramref name="input"/> was written, or the call when it was not.</summary>
    public SourceLocation LocationOfInput(string input) => InputsSource?.Fields.GetValueOrDefault(input) ?? Source.Of("inputs");

    /// <summary>Where the model override of <paramref name="stage"/> was written, or the call when it was not.</summary>
    public SourceLocation LocationOfModel(string stage) => ModelsSource?.Fields.GetValueOrDefault(stage) ?? Source.Of("models");
}
