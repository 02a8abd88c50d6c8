using System.Collections.Immutable;

namespace PatternEngine.Definitions;

/// <summary>One model call: a Scriban template and the settings it is sent with.</summary>
public sealed record PromptSpec
{
    /// <summary>The Scriban template of the user message.</summary>
    public required string Template { get; init; }

    /// <summary>An optional Scriban template of the system message.</summary>
    public string? System { get; init; }

    /// <summary>The logical model name the call goes to; <c>default</c> unless the file names one.</summary>
    public string Model { get; init; } = DefaultModel;

    /// <summary>The most tokens the model may answer with.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Sampling temperature; 0 is greedy.</summary>
    public double Temperature { get; init; }

    /// <summary>An optional JSON Schema (as JSON text) the answer must satisfy.</summary>
    public string? OutputSchema { get; init; }

    /// <summary>An optional extraction of the stage's value from the answer.</summary>
    public ExtractSpec? Extract { get; init; }

    /// <summary>Names of Semantic Kernel functions (<c>plugin.function</c>) the call may use.</summary>
    public ImmutableArray<string> Tools { get; init; } = [];

    /// <summary>The most tool calls the model may make before it must answer.</summary>
    public int MaxToolRounds { get; init; } = 3;

    /// <summary>Where the prompt was written.</summary>
    public required SourceSpan Source { get; init; }

    /// <summary>The model name used when a prompt names none.</summary>
    public const string DefaultModel = "default";
}
