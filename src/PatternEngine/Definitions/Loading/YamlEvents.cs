using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PatternEngine.Definitions.Loading;

/// <summary>
/// The parser's events. YamlDotNet's scanner throws more than <see cref="YamlException"/> on some malformed text
/// (an <see cref="InvalidOperationException"/> for <c>: {</c> then a plain scalar): that too is invalid YAML, at
/// the scanner's position.
/// </summary>
internal sealed class YamlEvents(Parser parser, Scanner scanner, string file)
{
    public ParsingEvent? Next()
    {
        try
        {
            return parser.MoveNext() ? parser.Current : null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            throw YamlToJson.Error(YamlToJson.At(file, scanner.CurrentPosition), "invalid YAML: the text cannot be read from here on");
        }
    }

    public ParsingEvent Require() =>
        Next() ?? throw YamlToJson.Error(YamlToJson.At(file, scanner.CurrentPosition), "invalid YAML: the file ends in the middle of a value");
}
