using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatternEngine.Selection;

/// <summary>
/// Reads an SLO file: a YAML mapping of targets (<c>min_accuracy</c>, <c>max_latency_p95_ms</c>, <c>max_cost_usd</c>,
/// <c>max_error_rate</c>), each a number, each optional.
/// </summary>
public static class SloFile
{
    private static readonly string[] Keys = ["min_accuracy", "max_latency_p95_ms", "max_cost_usd", "max_error_rate"];

    /// <summary>Reads the targets of <paramref name="path"/>.</summary>
    /// <exception cref="SelectionInputException">The file is missing or not a mapping of known targets to numbers.</exception>
    public static Slo Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFileSize.Problem(path, InputLimits.MaxYamlFileChars, "SLO file") is { } tooLarge)
        {
            throw new SelectionInputException($"{path}:1:1: {tooLarge}");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SelectionInputException($"{path}: cannot read the SLO file: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Reads SLO text; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="SelectionInputException">The text is not a mapping of known targets to numbers.</exception>
    public static Slo Parse(string yaml, string file = "<slo>")
    {
        // Read first within the input limits (size, depth, aliases), so that the YAML library's own tree is safe to build.
        try
        {
            _ = Definitions.Loading.YamlToJson.ReadIfAny(yaml, file);
        }
        catch (Definitions.PatternFileException e)
        {
            throw new SelectionInputException(e.Diagnostics[0].ToString());
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SelectionInputException($"{file}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SelectionInputException($"{file}:1:1: an SLO file is a mapping of targets, e.g. 'max_latency_p95_ms: 2000'");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var at = $"{file}:{keyNode.Start.Line}:{keyNode.Start.Column}";
            if (!Keys.Contains(key, StringComparer.Ordinal))
            {
                throw new SelectionInputException($"{at}: unknown target '{key}'; known: {string.Join(", ", Keys)}");
            }

            if (valueNode is not YamlScalarNode { Value: { } text }
                || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || value < 0
                || (key is "min_accuracy" or "max_error_rate" && value > 1))
            {
                var range = key is "min_accuracy" or "max_error_rate" ? "a number from 0 to 1" : "a number of at least 0";
                throw new SelectionInputException($"{file}:{valueNode.Start.Line}:{valueNode.Start.Column}: {key} takes {range}");
            }

            values[key] = value;
        }

        return new Slo
        {
            MinAccuracy = values.TryGetValue("min_accuracy", out var a) ? a : null,
            MaxLatencyP95Ms = values.TryGetValue("max_latency_p95_ms", out var l) ? l : null,
            MaxCostUsd = values.TryGetValue("max_cost_usd", out var c) ? c : null,
            MaxErrorRate = values.TryGetValue("max_error_rate", out var r) ? r : null,
        };
    }
}
