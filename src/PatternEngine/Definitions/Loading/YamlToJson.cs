using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatternEngine.Definitions.Loading;

/// <summary>
/// Reads YAML into JSON tokens so that the file-format JSON Schema can validate it, keeping each node's
/// location. Plain scalars become numbers, booleans or null when they read as one; quoted scalars stay text.
/// </summary>
internal static class YamlToJson
{
    public static LocatedJson Read(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlDotNet puts the location in the message too; the diagnostic carries it once.
            var inner = e.InnerException?.Message ?? e.Message;
            throw new PatternFileException([new Diagnostic(At(file, e.Start), "invalid YAML: " + StripLocation(inner))]);
        }

        if (stream.Documents.Count == 0)
        {
            throw new PatternFileException([new Diagnostic(new SourceLocation(file, 1, 1), "the file is empty; a pattern file needs name, version, stages and output")]);
        }

        var locations = new Dictionary<JToken, SourceLocation>(ReferenceEqualityComparer.Instance);
        var root = Convert(stream.Documents[0].RootNode, file, locations);
        return new LocatedJson(root, file, locations);
    }

    private static JToken Convert(YamlNode node, string file, Dictionary<JToken, SourceLocation> locations)
    {
        JToken token = node switch
        {
            YamlMappingNode mapping => ConvertMapping(mapping, file, locations),
            YamlSequenceNode sequence => new JArray(sequence.Children.Select(child => Convert(child, file, locations))),
            YamlScalarNode scalar => ConvertScalar(scalar),
            _ => JValue.CreateNull(),
        };
        locations[token] = At(file, node.Start);
        return token;
    }

    private static JObject ConvertMapping(YamlMappingNode mapping, string file, Dictionary<JToken, SourceLocation> locations)
    {
        var result = new JObject();
        foreach (var (key, value) in mapping.Children)
        {
            // YamlDotNet itself rejects duplicate keys while loading.
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            var property = new JProperty(name, Convert(value, file, locations));
            locations[property] = At(file, key.Start);
            result.Add(property);
        }

        return result;
    }

    private static JValue ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return new JValue(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => JValue.CreateNull(),
            "true" or "True" or "TRUE" => new JValue(true),
            "false" or "False" or "FALSE" => new JValue(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new JValue(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
            _ => new JValue(text),
        };
    }

    private static SourceLocation At(string file, Mark mark) => new(file, (int)Math.Max(mark.Line, 1), (int)Math.Max(mark.Column, 1));

    private static string StripLocation(string message)
    {
        // "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): While scanning..." -> "While scanning..."
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }
}
