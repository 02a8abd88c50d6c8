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
/// The document is built from the parser's events, without recursion, and within <see cref="InputLimits"/>: the
/// file's size, how deep it nests, and how many values it holds once its aliases are expanded (a "billion laughs"
/// file is refused as soon as it passes the limit, an alias inside the node it names at once). Later documents in
/// the file are parsed for errors but not built.
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
            return new Builder(file, new Events(new Parser(scanner), scanner, file)).Build();
        }
        catch (YamlException e)
        {
            // YamlDotNet puts the location in the message too; the diagnostic carries it once.
            var inner = e.InnerException?.Message ?? e.Message;
            throw Error(At(file, e.Start), "invalid YAML: " + StripLocation(inner));
        }
    }

    private static PatternFileException Error(SourceLocation at, string message) => new([new Diagnostic(at, message)]);

    private static SourceLocation At(string file, Mark mark) => new(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    private static string StripLocation(string message)
    {
        // "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): While scanning..." -> "While scanning..."
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }

    private static JValue ConvertScalar(Scalar scalar)
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

    /// <summary>
    /// The parser's events. YamlDotNet's scanner throws more than <see cref="YamlException"/> on some malformed text
    /// (an <see cref="InvalidOperationException"/> for <c>: {</c> then a plain scalar): that too is invalid YAML, at
    /// the scanner's position.
    /// </summary>
    private sealed class Events(Parser parser, Scanner scanner, string file)
    {
        public ParsingEvent? Next()
        {
            try
            {
                return parser.MoveNext() ? parser.Current : null;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
            {
                throw Error(At(file, scanner.CurrentPosition), "invalid YAML: the text cannot be read from here on");
            }
        }

        public ParsingEvent Require() =>
            Next() ?? throw Error(At(file, scanner.CurrentPosition), "invalid YAML: the file ends in the middle of a value");
    }

    /// <summary>Builds the first document from parser events, one container per open mapping or list.</summary>
    private sealed class Builder(string file, Events events)
    {
        private readonly Dictionary<JToken, SourceLocation> _locations = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, (JToken Token, int Values)> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<Open> _open = new();
        private JToken? _root;
        private int _values;

        public LocatedJson? Build()
        {
            _ = events.Require(); // the stream's start
            if (events.Require() is not DocumentStart)
            {
                return null;
            }

            while (_root is null || _open.Count > 0)
            {
                var next = events.Require();
                switch (next)
                {
                    case Scalar scalar when _open.TryPeek(out var owner) && owner.AwaitsKey:
                        TakeKey(owner, scalar);
                        break;
                    case Scalar scalar:
                        Count(1, scalar.Start);
                        Place(ConvertScalar(scalar), scalar, 1);
                        break;
                    case MappingStart or SequenceStart:
                        Begin((NodeEvent)next);
                        break;
                    case MappingEnd or SequenceEnd:
                        End();
                        break;
                    case AnchorAlias alias:
                        Expand(alias);
                        break;
                    default:
                        throw Error(At(file, next.Start), $"unexpected YAML {next.GetType().Name}");
                }
            }

            // The rest of the file is still read, so that a syntax error anywhere in it is reported.
            while (events.Next() is not null)
            {
            }

            return new LocatedJson(_root!, file, _locations);
        }

        private void TakeKey(Open owner, Scalar key)
        {
            var at = At(file, key.Start);
            var mapping = (JObject)owner.Container;
            if (mapping.Property(key.Value, StringComparison.Ordinal) is { } first)
            {
                throw Error(at, $"duplicate key '{key.Value}'; it is already set on line {_locations[first].Line}");
            }

            owner.Key = (key.Value, at);
        }

        private void Begin(NodeEvent start)
        {
            if (_open.TryPeek(out var owner) && owner.AwaitsKey)
            {
                throw Error(At(file, start.Start), "a key must be text, not a mapping or a list");
            }

            if (_open.Count >= InputLimits.MaxYamlDepth)
            {
                throw Error(At(file, start.Start), $"the file nests deeper than {InputLimits.MaxYamlDepth} levels");
            }

            Count(1, start.Start);
            JContainer container = start is MappingStart ? new JObject() : new JArray();
            _locations[container] = At(file, start.Start);
            _open.Push(new Open(container, start, _values));
        }

        private void End()
        {
            var closed = _open.Pop();
            Place(closed.Container, closed.Start, _values - closed.ValuesBefore + 1);
        }

        private void Expand(AnchorAlias alias)
        {
            var at = At(file, alias.Start);
            var name = alias.Value.Value;
            if (_open.TryPeek(out var owner) && owner.AwaitsKey)
            {
                throw Error(at, $"the alias '*{name}' is used as a key; write the key as text");
            }

            if (_open.Any(o => !o.Start.Anchor.IsEmpty && o.Start.Anchor.Value == name))
            {
                throw Error(at, $"the alias '*{name}' is used inside the node it names; a value cannot contain itself");
            }

            if (!_anchors.TryGetValue(name, out var anchored))
            {
                throw Error(at, $"the alias '*{name}' names no anchor '&{name}' before it");
            }

            Count(anchored.Values, alias.Start);
            var copy = anchored.Token.DeepClone();
            _locations[copy] = at;
            Attach(copy);
        }

        // Every value counts, and an alias counts all the values it stands for, each time it is used.
        private void Count(int values, Mark at)
        {
            _values += values;
            if (_values > InputLimits.MaxYamlValues)
            {
                throw Error(At(file, at), $"the file holds more than {InputLimits.MaxYamlValues:N0} values (an alias counts every value it repeats)");
            }
        }

        private void Place(JToken token, NodeEvent node, int values)
        {
            if (!_locations.ContainsKey(token))
            {
                _locations[token] = At(file, node.Start);
            }

            if (!node.Anchor.IsEmpty)
            {
                _anchors[node.Anchor.Value] = (token, values);
            }

            Attach(token);
        }

        private void Attach(JToken token)
        {
            if (!_open.TryPeek(out var owner))
            {
                _root = token;
                return;
            }

            if (owner.Container is JArray list)
            {
                list.Add(token);
                return;
            }

            var (name, at) = owner.Key!.Value;
            var property = new JProperty(name, token);
            _locations[property] = at;
            ((JObject)owner.Container).Add(property);
            owner.Key = null;
        }

        /// <summary>A mapping or list being read, and in a mapping the key that awaits its value.</summary>
        private sealed class Open(JContainer container, NodeEvent start, int valuesBefore)
        {
            public JContainer Container { get; } = container;

            public NodeEvent Start { get; } = start;

            public int ValuesBefore { get; } = valuesBefore;

            public (string Name, SourceLocation At)? Key { get; set; }

            public bool AwaitsKey => Container is JObject && Key is null;
        }
    }
}
