namespace PatternEngine.Definitions;

/// <summary>A stage of a pattern. Stages refer to each other by id; the references form a DAG.</summary>
public abstract record StageDefinition
{
    /// <summary>The stage's id, unique in its file; templates refer to the stage's value by it.</summary>
    public required string Id { get; init; }

    /// <summary>Where the stage was written.</summary>
    public required SourceSpan Source { get; init; }

    /// <summary>
    /// An optional Scriban expression over inputs and earlier stages (for example <c>candidates.size == 0</c>);
    /// when it is false the stage is skipped: no calls, an empty value, and the record says so.
    /// </summary>
    public string? When { get; init; }

    /// <summary>The primitive this stage is.</summary>
    public abstract StageKind Kind { get; }

    /// <summary>The prompts the stage sends, each with the names the stage itself binds for it.</summary>
    public abstract IEnumerable<PromptSlot> Prompts { get; }

    /// <summary>Stage or input names the stage reads outside its templates, by the field that names them.</summary>
    public virtual IEnumerable<(string Field, string Name)> References => [];

    /// <summary>The pattern the stage runs (a <c>pattern</c> stage, or a pattern body), if it runs one.</summary>
    public virtual PatternCall? Includes => null;

    /// <summary>Whether the included pattern runs once per sample or item (a body) rather than once (a stage).</summary>
    public virtual bool IncludesPerItem => false;

    /// <summary>The names the stage binds for its included pattern's bindings (a body's <c>index</c>, a map's item).</summary>
    public virtual IReadOnlyList<string> IncludeLocals => [];
}

/// <summary>A prompt of a stage and the names the stage binds while rendering it (loop items, drafts, candidates).</summary>
/// <param name="Field">The field the prompt was written under (for messages).</param>
/// <param name="Prompt">The prompt.</param>
/// <param name="Locals">Names bound by the stage itself.</param>
public sealed record PromptSlot(string Field, PromptSpec Prompt, IReadOnlyList<string> Locals);
