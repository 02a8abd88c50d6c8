using Newtonsoft.Json.Linq;
using NJsonSchema;
using PatternEngine.Definitions;
using PatternEngine.Definitions.Loading;

namespace PatternEngine.Bench.Gates;

/// <summary>
/// Reads a gate file (YAML): <c>gates:</c>, a list of thresholds per pattern (<c>pattern: NAME</c>, or <c>"*"</c>
/// for every pattern), checked against <c>gate-file.schema.json</c> (<see cref="JsonSchema"/>); every problem is
/// reported as <c>file:line:column: message</c>.
/// </summary>
public static class GateFile
{
    private const string ResourceName = "PatternEngine.gate-file.schema.json";

    private static readonly Lazy<NJsonSchema.JsonSchema> Schema = new(() => Schemas.SchemaReader.ReadEmbedded(ResourceName, typeof(GateFile).Assembly));

    /// <summary>The gate file format's JSON Schema, as shipped (for editors).</summary>
    public static string JsonSchema { get; } = SchemaErrors.ReadEmbedded(ResourceName, typeof(GateFile).Assembly);

    /// <summary>Reads the gate file at <paramref name="path"/>.</summary>
    /// <exception cref="GateFileException">The file is missing, too large, or not a gate file.</exception>
    public static GateSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFileSize.Problem(path, InputLimits.MaxYamlFileChars, "gate file") is { } tooLarge)
        {
            throw Error(new SourceLocation(path, 1, 1), tooLarge);
        }

        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(new SourceLocation(path, 1, 1), "cannot read the gate file: " + e.Message);
        }
    }

    /// <summary>Reads gate-file text; <paramref name="file"/> names it in diagnostics.</summary>
    /// <exception cref="GateFileException">The text is not a gate file.</exception>
    public static GateSet Parse(string yaml, string file = "<gates>")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        LocatedJson document;
        try
        {
            // The project's bounded reader: size, depth and aliases are limited before anything is built.
            document = YamlToJson.ReadIfAny(yaml, file) ?? throw Error(new SourceLocation(file, 1, 1), "the gate file is empty; write 'gates:' and a list of thresholds per pattern");
        }
        catch (PatternFileException e)
        {
            throw new GateFileException(e.Diagnostics);
        }

        var errors = SchemaErrors.Flatten(Schema.Value.Validate(document.Root)).Select(e => SchemaErrors.ToDiagnostic(e, document))
            .DistinctBy(d => d.ToString()).OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
        if (errors.Count > 0)
        {
            throw new GateFileException(errors);
        }

        var gates = ((JArray)((JObject)document.Root)["gates"]!).Cast<JObject>().Select(gate => new Gate
        {
            Pattern = (string)gate["pattern"]!,
            Location = document.LocationOf(gate),
            Thresholds = [.. gate.Properties().Where(p => p.Name != "pattern")
                .Select(p => new GateThreshold(p.Name, (double)p.Value, document.LocationOf(gate, p.Name)))
                .OrderBy(t => GateMetric.Order(t.Name))],
        }).ToList();
        var twice = gates.GroupBy(g => g.Pattern, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => new Diagnostic(g.ElementAt(1).Location, $"the pattern '{g.Key}' has a gate already (line {g.First().Location.Line}); state its thresholds in one gate"))
            .ToList();
        return twice.Count > 0 ? throw new GateFileException(twice) : new GateSet(file, [.. gates]);
    }

    private static GateFileException Error(SourceLocation at, string message) => new([new Diagnostic(at, message)]);
}
