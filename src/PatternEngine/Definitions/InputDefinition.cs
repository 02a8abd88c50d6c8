namespace PatternEngine.Definitions;

/// <summary>An input a pattern takes.</summary>
public sealed record InputDefinition
{
    /// <summary>The name templates use to refer to the input.</summary>
    public required string Name { get; init; }

    /// <summary>The input's type.</summary>
    public InputType Type { get; init; } = InputType.String;

    /// <summary>What the input is for.</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether a run must supply the input. Inputs with a default are never required.</summary>
    public bool Required { get; init; } = true;

    /// <summary>The value used when a run does not supply one.</summary>
    public string? Default { get; init; }

    /// <summary>Where the input was declared.</summary>
    public required SourceSpan Source { get; init; }
}
