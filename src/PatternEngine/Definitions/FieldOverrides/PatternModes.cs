namespace PatternEngine.Definitions.FieldOverrides;

/// <summary>
/// A pattern's modes (<c>modes: { fast: {...}, thorough: {...} }</c>): each names stage-field overrides, and a run,
/// bench or selection in that mode uses the pattern with them applied. Mode names are the pattern's own (lower-case);
/// <c>fast</c>, <c>standard</c> and <c>thorough</c> are the ones <c>select --mode</c> knows.
/// </summary>
public static class PatternModes
{
    /// <summary>The definition in mode <paramref name="mode"/>: a new definition with its overrides applied and <see cref="PatternDefinition.Mode"/> set.</summary>
    /// <exception cref="PatternFileException">The pattern declares no such mode (located at its <c>modes:</c>, or the pattern), or is already in another.</exception>
    public static PatternDefinition Apply(PatternDefinition definition, string mode)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(mode);
        if (definition.Mode == mode)
        {
            return definition;
        }

        var at = definition.Source.Of("modes");
        if (definition.Mode is { } current)
        {
            throw new PatternFileException([new Diagnostic(at, $"pattern '{definition.Name}' is already in mode '{current}'; apply '{mode}' to the pattern as written")]);
        }

        if (!definition.Modes.TryGetValue(mode, out var overrides))
        {
            var known = definition.Modes.IsEmpty ? "it declares none" : "it declares " + string.Join(", ", definition.Modes.Keys);
            throw new PatternFileException([new Diagnostic(at, $"pattern '{definition.Name}' has no mode '{mode}'; {known}")]);
        }

        return overrides.ApplyTo(definition) with { Mode = mode };
    }

    /// <summary>The definition in <paramref name="mode"/> when it declares that mode, else as it is.</summary>
    public static PatternDefinition ApplyIfDeclared(PatternDefinition definition, string? mode)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return mode is not null && definition.Modes.ContainsKey(mode) ? Apply(definition, mode) : definition;
    }
}
