using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Schemas;

/// <summary>
/// What a JSON Schema must be before it is loaded, so that checking an answer against it cannot fail, hang or reach
/// the network: every keyword the validator acts on has a value it can use (a known <c>type</c>, a non-empty
/// <c>enum</c>, a <c>multipleOf</c> above 0, regexes that compile). Its size and references are
/// <see cref="SchemaReferences"/>' to check, and how its branches multiply <see cref="SchemaBranches"/>'.
/// </summary>
internal static class SchemaRules
{
    private static readonly HashSet<string> TypeNames = new(StringComparer.Ordinal) { "object", "array", "string", "number", "integer", "boolean", "null" };
    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "definitions", "$defs"];
    private static readonly string[] SchemaLists = ["allOf", "anyOf", "oneOf"];
    private static readonly string[] SchemaValues = ["not", "if", "then", "else", "contains", "propertyNames"];
    private static readonly string[] SchemaOrBoolean = ["additionalProperties", "additionalItems"];
    private static readonly string[] Counts = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
    private static readonly string[] Bounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

    // NJsonSchema keeps bounds as decimals; anything larger would fail as it loads.
    private const double LargestBound = 7.9e28;

    /// <summary>Checks the schema; throws <see cref="InvalidSchemaException"/> naming the first problem found.</summary>
    public static void Check(JToken root) => CheckSchema(root, "#");

    private static void CheckSchema(JToken token, string at)
    {
        if (token is JValue { Type: JTokenType.Boolean })
        {
            return; // true accepts everything, false nothing
        }

        if (token is not JObject schema)
        {
            throw InvalidSchemaException.At(at, $"a schema must be an object, not {Describe(token)}");
        }

        CheckType(schema, at);
        CheckNumbers(schema, at);
        CheckRegexes(schema, at);
        CheckLists(schema, at);
        foreach (var name in SchemaMaps)
        {
            if (schema[name] is { } map)
            {
                foreach (var property in map as JObject ?? throw InvalidSchemaException.At(at, $"'{name}' must be an object of schemas"))
                {
                    CheckSchema(property.Value!, $"{at}/{name}/{Escape(property.Key)}");
                }
            }
        }

        foreach (var name in SchemaLists)
        {
            if (schema[name] is { } list)
            {
                if (list is not JArray { Count: > 0 } items)
                {
                    throw InvalidSchemaException.At(at, $"'{name}' must be a non-empty list of schemas");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    CheckSchema(items[i], $"{at}/{name}/{i}");
                }
            }
        }

        foreach (var name in SchemaValues.Concat(SchemaOrBoolean))
        {
            if (schema[name] is { } value)
            {
                CheckSchema(value, $"{at}/{name}");
            }
        }

        CheckItems(schema, at);
    }

    private static void CheckType(JObject schema, string at)
    {
        var type = schema["type"];
        var names = type switch
        {
            null => [],
            JValue { Value: string one } => [one],
            JArray { Count: > 0 } many when many.All(t => t.Type == JTokenType.String) => many.Values<string>().ToList(),
            _ => throw InvalidSchemaException.At(at, $"'type' must be one of {string.Join(", ", TypeNames)}, or a non-empty list of them"),
        };
        if (names.FirstOrDefault(n => !TypeNames.Contains(n!)) is { } unknown)
        {
            throw InvalidSchemaException.At(at, $"'type' '{unknown}' is not a JSON type; use one of {string.Join(", ", TypeNames)}");
        }

        if (schema["enum"] is { } choices && choices is not JArray { Count: > 0 })
        {
            throw InvalidSchemaException.At(at, "'enum' must be a non-empty list of the values allowed");
        }
    }

    private static void CheckNumbers(JObject schema, string at)
    {
        if (schema["multipleOf"] is { } multipleOf && !(IsNumber(multipleOf) && multipleOf.Value<double>() is > 0 and <= LargestBound))
        {
            throw InvalidSchemaException.At(at, "'multipleOf' must be a number greater than 0");
        }

        foreach (var name in Counts)
        {
            if (schema[name] is { } count && !(count.Type == JTokenType.Integer && count.Value<double>() is >= 0 and <= int.MaxValue))
            {
                throw InvalidSchemaException.At(at, $"'{name}' must be a whole number from 0 to {int.MaxValue}");
            }
        }

        foreach (var name in Bounds)
        {
            // Draft 4 writes exclusiveMinimum and exclusiveMaximum as true or false.
            if (schema[name] is { } bound && bound.Type != JTokenType.Boolean && !(IsNumber(bound) && Math.Abs(bound.Value<double>()) <= LargestBound))
            {
                throw InvalidSchemaException.At(at, $"'{name}' must be a number between -{LargestBound} and {LargestBound}");
            }
        }
    }

    private static void CheckRegexes(JObject schema, string at)
    {
        if (schema["pattern"] is { } pattern)
        {
            CheckRegex(pattern is JValue { Value: string text } ? text : null, at, "'pattern'");
        }

        if (schema["patternProperties"] is JObject patterns)
        {
            foreach (var property in patterns.Properties())
            {
                CheckRegex(property.Name, at, $"the 'patternProperties' key '{property.Name}'");
            }
        }
    }

    private static void CheckRegex(string? pattern, string at, string what)
    {
        try
        {
            _ = new Regex(pattern ?? throw new ArgumentException("it must be text"), RegexOptions.None, InputLimits.RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw InvalidSchemaException.At(at, $"{what} is not a valid regular expression: {e.Message}");
        }
    }

    private static void CheckLists(JObject schema, string at)
    {
        if (schema["required"] is { } required && !(required is JArray names && names.All(n => n.Type == JTokenType.String)))
        {
            throw InvalidSchemaException.At(at, "'required' must be a list of property names");
        }

        if (schema["format"] is { } format && format.Type != JTokenType.String)
        {
            throw InvalidSchemaException.At(at, "'format' must be text");
        }
    }

    private static void CheckItems(JObject schema, string at)
    {
        switch (schema["items"])
        {
            case null:
                break;
            case JArray tuple:
                for (var i = 0; i < tuple.Count; i++)
                {
                    CheckSchema(tuple[i], $"{at}/items/{i}");
                }

                break;
            case var items:
                CheckSchema(items, $"{at}/items");
                break;
        }
    }

    private static bool IsNumber(JToken token) => token.Type is JTokenType.Integer or JTokenType.Float;

    private static string Escape(string name) => SchemaReferences.Escape(name);

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Array => "a list",
        JTokenType.String => "text",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Null => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };
}
