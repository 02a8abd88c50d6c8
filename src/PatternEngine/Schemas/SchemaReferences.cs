using Newtonsoft.Json.Linq;

namespace PatternEngine.Schemas;

/// <summary>
/// A schema's size and its references: at most <see cref="InputLimits.MaxSchemaValues"/> values, and every
/// <c>$ref</c>, wherever it is, names a schema inside the document (<c>#</c> or <c>#/...</c>), so that nothing is ever
/// fetched. Also resolves those references and writes JSON pointers for messages.
/// </summary>
internal static class SchemaReferences
{
    /// <summary>Throws <see cref="InvalidSchemaException"/> naming the first problem.</summary>
    public static void Check(JToken root)
    {
        var values = 0;
        Check(root, root, ref values);
    }

    /// <summary>Resolves a <c>#</c> or <c>#/...</c> reference inside <paramref name="root"/>; null when it names nothing.</summary>
    public static JToken? Resolve(JToken root, string reference)
    {
        var current = root;
        foreach (var segment in reference.Length <= 1 ? [] : reference[2..].Split('/'))
        {
            var name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JObject owner => owner[name],
                JArray list when int.TryParse(name, out var index) && index >= 0 && index < list.Count => list[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    // Every "$ref" anywhere counts, even inside values NJsonSchema would not treat as schemas: it resolves them all.
    private static void Check(JToken root, JToken token, ref int values)
    {
        if (++values > InputLimits.MaxSchemaValues)
        {
            throw new InvalidSchemaException($"it has more than {InputLimits.MaxSchemaValues:N0} values");
        }

        if (token is JObject owner && owner.TryGetValue("$ref", StringComparison.Ordinal, out var reference))
        {
            CheckReference(root, reference, Pointer(owner));
        }

        foreach (var child in token.Children())
        {
            Check(root, child is JProperty property ? property.Value : child, ref values);
        }
    }

    private static void CheckReference(JToken root, JToken reference, string at)
    {
        if (reference is not JValue { Value: string target })
        {
            throw InvalidSchemaException.At(at, "'$ref' must be text such as '#/definitions/name'");
        }

        if (!target.StartsWith('#'))
        {
            throw InvalidSchemaException.At(at, $"'$ref' refers outside the schema ('{target}'); only references inside it ('#/...') are allowed, and nothing is fetched");
        }

        if (target != "#" && !target.StartsWith("#/", StringComparison.Ordinal))
        {
            throw InvalidSchemaException.At(at, $"'$ref' '{target}' is not a JSON pointer; write '#' or '#/...'");
        }

        if (Resolve(root, target) is not (JObject or JValue { Type: JTokenType.Boolean }))
        {
            throw InvalidSchemaException.At(at, $"'$ref' '{target}' names no schema inside this one");
        }
    }

    public static string Pointer(JToken token)
    {
        var segments = new List<string>();
        for (var current = token; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case JProperty property:
                    segments.Add(Escape(property.Name));
                    break;
                case JArray list:
                    segments.Add(list.IndexOf(current).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        segments.Reverse();
        return segments.Count == 0 ? "#" : "#/" + string.Join('/', segments);
    }

    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
