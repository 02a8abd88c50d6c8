using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PatternEngine.Definitions.Loading;

/// <summary>
/// Builds the first document of a YAML file from the parser's events, one container per open mapping or list, without
/// recursion and within <see cref="InputLimits"/>: how deep it nests, and how many values it holds once its aliases are
/// expanded (a "billion laughs" file is refused as soon as it passes the limit, an alias inside the node it names at
/// once). Later documents in the file are parsed for errors but not built.
/// </summary>
internal sealed class YamlDocumentBuilder(string file, YamlEvents events)
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
                    Place(YamlToJson.ConvertScalar(scalar), scalar, 1);
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
                    throw YamlToJson.Error(YamlToJson.At(file, next.Start), $"unexpected YAML {next.GetType().Name}");
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
        var at = YamlToJson.At(file, key.Start);
        var mapping = (JObject)owner.Container;
        if (mapping.Property(key.Value, StringComparison.Ordinal) is { } first)
        {
            throw YamlToJson.Error(at, $"duplicate key '{key.Value}'; it is already set on line {_locations[first].Line}");
        }

        owner.Key = (key.Value, at);
    }

    private void Begin(NodeEvent start)
    {
        if (_open.TryPeek(out var owner) && owner.AwaitsKey)
        {
            throw YamlToJson.Error(YamlToJson.At(file, start.Start), "a key must be text, not a mapping or a list");
        }

        if (_open.Count >= InputLimits.MaxYamlDepth)
        {
            throw YamlToJson.Error(YamlToJson.At(file, start.Start), $"the file nests deeper than {InputLimits.MaxYamlDepth} levels");
        }

        Count(1, start.Start);
        JContainer container = start is MappingStart ? new JObject() : new JArray();
        _locations[container] = YamlToJson.At(file, start.Start);
        _open.Push(new Open(container, start, _values));
    }

    private void End()
    {
        var closed = _open.Pop();
        Place(closed.Container, closed.Start, _values - closed.ValuesBefore + 1);
    }

    private void Expand(AnchorAlias alias)
    {
        var at = YamlToJson.At(file, alias.Start);
        var name = alias.Value.Value;
        if (_open.TryPeek(out var owner) && owner.AwaitsKey)
        {
            throw YamlToJson.Error(at, $"the alias '*{name}' is used as a key; write the key as text");
        }

        if (_open.Any(o => !o.Start.Anchor.IsEmpty && o.Start.Anchor.Value == name))
        {
            throw YamlToJson.Error(at, $"the alias '*{name}' is used inside the node it names; a value cannot contain itself");
        }

        if (!_anchors.TryGetValue(name, out var anchored))
        {
            throw YamlToJson.Error(at, $"the alias '*{name}' names no anchor '&{name}' before it");
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
            throw YamlToJson.Error(YamlToJson.At(file, at), $"the file holds more than {InputLimits.MaxYamlValues:N0} values (an alias counts every value it repeats)");
        }
    }

    private void Place(JToken token, NodeEvent node, int values)
    {
        if (!_locations.ContainsKey(token))
        {
            _locations[token] = YamlToJson.At(file, node.Start);
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
