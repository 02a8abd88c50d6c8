namespace PatternEngine.Definitions.FieldOverrides;

/// <summary>
/// One stage field set to another value: <c>STAGE.field=value</c>, with the stage named by its qualified id
/// (<c>samples</c>, <c>samples[*].answer</c>, <c>reasoned.answer</c>; see <see cref="QualifiedStages"/>).
/// </summary>
/// <param name="StageId">The stage's qualified id.</param>
/// <param name="Field">The field, as pattern files spell it (<see cref="StageFields.Names"/>).</param>
/// <param name="Value">The value as text (numbers in invariant culture).</param>
/// <param name="Location">Where the setting was written (a mode in a pattern file, a command-line option).</param>
public sealed record StageOverride(string StageId, string Field, string Value, SourceLocation Location)
{
    /// <summary>The setting as it is written: <c>STAGE.field=value</c>.</summary>
    public override string ToString() => $"{StageId}.{Field}={Value}";
}
