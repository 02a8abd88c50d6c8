using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatternEngine.Selection;

/// <summary>Reads and writes routing plan files (YAML); a file that does not read says where and what.</summary>
public static class RoutingPlanFile
{
    /// <summary>The plan as YAML text.</summary>
    public static string Write(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var slo = new YamlMappingNode();
        AddNumber(slo, "min_accuracy", plan.Slo.MinAccuracy);
        AddNumber(slo, "max_latency_p95_ms", plan.Slo.MaxLatencyP95Ms);
        AddNumber(slo, "max_cost_usd", plan.Slo.MaxCostUsd);
        AddNumber(slo, "max_error_rate", plan.Slo.MaxErrorRate);
        var stages = new YamlSequenceNode();
        foreach (var stage in plan.Stages)
        {
            var node = new YamlMappingNode { { "stage", stage.Stage } };
            if (stage.Model is not null)
            {
                node.Add("model", stage.Model);
            }

            if (stage.Version is not null)
            {
                node.Add("version", stage.Version);
            }

            node.Add("rationale", stage.Rationale);
            stages.Add(node);
        }

        var root = new YamlMappingNode
        {
            { "pattern", plan.Pattern },
            { "pattern_hash", plan.PatternHash },
            { "version", plan.Version.ToString(CultureInfo.InvariantCulture) },
            { "created_at", plan.CreatedAt.ToString("O", CultureInfo.InvariantCulture) },
        };
        if (plan.RestoredFrom is { } restored)
        {
            root.Add("restored_from", restored.ToString(CultureInfo.InvariantCulture));
        }

        root.Add("mode", plan.Mode.ToString().ToLowerInvariant());
        if (plan.PatternMode is { } patternMode)
        {
            root.Add("pattern_mode", patternMode);
        }

        root.Add("slo", slo);
        root.Add("stages", stages);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('.', '\n') + "\n";
    }

    /// <summary>Reads the plan file at <paramref name="path"/>.</summary>
    /// <exception cref="SelectionInputException">The file is missing or not a plan.</exception>
    public static RoutingPlan Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFileSize.Problem(path, InputLimits.MaxYamlFileChars, "plan") is { } tooLarge)
        {
            throw new SelectionInputException($"{path}:1:1: {tooLarge}");
        }

        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SelectionInputException($"{path}: cannot read the plan: {e.Message}");
        }
    }

    /// <summary>Reads plan text; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="SelectionInputException">The text is not a plan.</exception>
    public static RoutingPlan Parse(string yaml, string file = "<plan>")
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
            throw new SelectionInputException($"{file}:1:1: a plan is a mapping with pattern, pattern_hash, mode, slo and stages");
        }

        var reader = new Reader(file);
        var modeText = reader.String(root, "mode");
        if (!Enum.TryParse<RoutingMode>(modeText, ignoreCase: true, out var mode) || int.TryParse(modeText, out _))
        {
            throw reader.Error(root.Children[new YamlScalarNode("mode")], $"mode is fast, standard or thorough, not '{modeText}'");
        }

        var sloNode = reader.Mapping(root, "slo");
        return new RoutingPlan
        {
            Pattern = reader.String(root, "pattern"),
            PatternHash = reader.String(root, "pattern_hash"),
            Version = reader.Int(root, "version") ?? 0,
            CreatedAt = reader.Date(root, "created_at"),
            RestoredFrom = reader.Int(root, "restored_from"),
            Mode = mode,
            PatternMode = reader.OptionalString(root, "pattern_mode"),
            Slo = new Slo
            {
                MinAccuracy = reader.Number(sloNode, "min_accuracy"),
                MaxLatencyP95Ms = reader.Number(sloNode, "max_latency_p95_ms"),
                MaxCostUsd = reader.Number(sloNode, "max_cost_usd"),
                MaxErrorRate = reader.Number(sloNode, "max_error_rate"),
            },
            Stages = [.. reader.Sequence(root, "stages").Select(node => node is YamlMappingNode stage
                ? new PlannedStage
                {
                    Stage = reader.String(stage, "stage"),
                    Model = reader.OptionalString(stage, "model"),
                    Version = reader.OptionalString(stage, "version"),
                    Rationale = reader.OptionalString(stage, "rationale") ?? "",
                }
                : throw reader.Error(node, "each stage is a mapping with stage, model, version and rationale"))],
        };
    }

    private static void AddNumber(YamlMappingNode node, string key, double? value)
    {
        if (value is { } number)
        {
            node.Add(key, number.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Reads values from nodes, with errors that name the file, line and column.</summary>
    private sealed class Reader(string file)
    {
        public SelectionInputException Error(YamlNode node, string message) =>
            new($"{file}:{node.Start.Line}:{node.Start.Column}: {message}");

        public string String(YamlMappingNode node, string key) =>
            OptionalString(node, key) ?? throw Error(node, $"'{key}' is missing");

        public string? OptionalString(YamlMappingNode node, string key) =>
            !node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? null
            : value is YamlScalarNode scalar ? scalar.Value
            : throw Error(value, $"'{key}' is text");

        public int? Int(YamlMappingNode node, string key) =>
            OptionalString(node, key) is not { } text ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
            : throw Error(node.Children[new YamlScalarNode(key)], $"'{key}' is a whole number, not '{text}'");

        public double? Number(YamlMappingNode node, string key) =>
            OptionalString(node, key) is not { } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw Error(node.Children[new YamlScalarNode(key)], $"'{key}' is a number, not '{text}'");

        public DateTimeOffset Date(YamlMappingNode node, string key) =>
            OptionalString(node, key) is not { } text ? default
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value
            : throw Error(node.Children[new YamlScalarNode(key)], $"'{key}' is a date and time, not '{text}'");

        public YamlMappingNode Mapping(YamlMappingNode node, string key) =>
            !node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? new YamlMappingNode()
            : value as YamlMappingNode ?? throw Error(value, $"'{key}' is a mapping");

        public IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
            !node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? throw Error(node, $"'{key}' is missing")
            : value as YamlSequenceNode ?? throw Error(value, $"'{key}' is a list");
    }
}
