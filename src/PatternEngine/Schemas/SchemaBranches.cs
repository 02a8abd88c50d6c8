using Newtonsoft.Json.Linq;

namespace PatternEngine.Schemas;

/// <summary>
/// How many subschemas apply to one value through the keywords that stay on it (<c>$ref</c>, <c>allOf</c>,
/// <c>anyOf</c>, <c>oneOf</c>, <c>not</c>, <c>if</c>, <c>then</c>, <c>else</c>), counted with repeats. A loop of
/// them (<c>{"$ref": "#"}</c>) would never finish and is refused; so is a schema whose branches multiply past
/// <see cref="InputLimits.MaxSchemaBranches"/>. Keywords that descend into the value (<c>properties</c>,
/// <c>items</c>) may recurse: the value's own depth ends them.
/// </summary>
internal sealed class SchemaBranches
{
    private static readonly string[] Lists = ["allOf", "anyOf", "oneOf"];
    private static readonly string[] Single = ["not", "if", "then", "else"];

    private readonly JToken _root;
    private readonly Dictionary<JObject, int> _counted = new(ReferenceEqualityComparer.Instance);
    private readonly List<(JObject Schema, string Pointer)> _path = [];

    private SchemaBranches(JToken root) => _root = root;

    /// <summary>Counts from every schema in the document; throws <see cref="InvalidSchemaException"/> on a loop or too many.</summary>
    public static void Check(JToken root)
    {
        var branches = new SchemaBranches(root);
        IEnumerable<JToken> all = root is JContainer container ? container.DescendantsAndSelf() : [root];
        foreach (var schema in all.OfType<JObject>())
        {
            branches.Count(schema, SchemaReferences.Pointer(schema));
        }
    }

    private int Count(JObject schema, string pointer)
    {
        if (_counted.TryGetValue(schema, out var known))
        {
            return known;
        }

        if (_path.FindIndex(p => ReferenceEquals(p.Schema, schema)) is var start and >= 0)
        {
            var loop = string.Join(" -> ", _path.Skip(start).Select(p => p.Pointer).Append(pointer));
            throw InvalidSchemaException.At(_path[start].Pointer, $"the schema applies itself to the same value without end ({loop}); a reference back must go through properties or items");
        }

        if (_path.Count >= InputLimits.MaxSchemaBranches)
        {
            throw TooMany(pointer);
        }

        _path.Add((schema, pointer));
        var total = 1;
        foreach (var (child, at) in InPlace(schema, pointer))
        {
            total += Count(child, at);
            if (total > InputLimits.MaxSchemaBranches)
            {
                throw TooMany(pointer);
            }
        }

        _path.RemoveAt(_path.Count - 1);
        _counted[schema] = total;
        return total;
    }

    private IEnumerable<(JObject Schema, string Pointer)> InPlace(JObject schema, string pointer)
    {
        if (schema["$ref"] is JValue { Value: string reference } && SchemaReferences.Resolve(_root, reference) is JObject target)
        {
            yield return (target, reference);
        }

        foreach (var name in Lists)
        {
            if (schema[name] is JArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JObject item)
                    {
                        yield return (item, $"{pointer}/{name}/{i}");
                    }
                }
            }
        }

        foreach (var name in Single)
        {
            if (schema[name] is JObject item)
            {
                yield return (item, $"{pointer}/{name}");
            }
        }
    }

    private static InvalidSchemaException TooMany(string pointer) => InvalidSchemaException.At(
        pointer,
        $"its $ref, allOf, anyOf, oneOf and not branches apply more than {InputLimits.MaxSchemaBranches:N0} subschemas to one value");
}
