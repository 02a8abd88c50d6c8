using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PatternEngine.Definitions.Loading;

/// <summary>
/// Reads YAML into JSON tokens so that the file-format JSON Schema can validate it, keeping each node's
/// location. Plain scalars become numbers, booleans or null when they read as one; quoted scalars stay text.
/// </summary>
/// <remarks>
/// The file's size is checked here; <see cref="YamlDocumentBuilder"/> builds the document from the parser's events
/// within the other <see cref="InputLimits"/>.
/// </remarks>
internal static class YamlToJson
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static LocatedJson Read(string yaml, string file) =>
        ReadIfAny(yaml, file) ?? throw Error(new SourceLocation(file, 1, 1), "the file is empty; a pattern file needs name, version, stages and output");

    /// <summary>The document, or null when the file holds none (it is empty, or only comments).</summary>
    public static LocatedJson? ReadIfAny(string yaml, string file)
    {
        if (yaml.Length > InputLimits.MaxYamlFileChars)
        {
            throw Error(new SourceLocation(file, 1, 1), $"the file has {yaml.Length:N0} characters; a YAML file may have at most {InputLimits.MaxYamlFileChars:N0}");
        }

        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            return new YamlDocumentBuilder(file, new YamlEvents(new Parser(scanner), scanner, file)).Build();
        }
        catch (YamlException e)
        {
            // YamlDotNet puts the location in the message too; the diagnostic carries it once.
            var inner = e.InnerException?.Message ?? e.Message;
            throw Error(At(file, e.Start), "invalid YAML: " + StripLocation(inner));
        }
    }

    internal static PatternFileException Error(SourceLocation at, string message) => new([new Diagnostic(at, message)]);

    internal static SourceLocation At(string file, Mark mark) => new(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    private static string StripLocation(string message)
    {
        // "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): While scanning..." -> "While scanning..."
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }

    internal static JValue ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
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
}
