using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Visitors;

namespace PatternEngine.Schemas;

/// <summary>
/// The keywords a loaded schema has taken away from NJsonSchema and checked here instead, within limits: NJsonSchema
/// runs <c>pattern</c> and <c>patternProperties</c> regexes without a time-out (only a process-wide default would
/// give them one), and compares <c>enum</c> by turning the value into text once per allowed value. Here every regex
/// runs under <see cref="InputLimits.RegexTimeout"/> and the value is turned into text once.
/// </summary>
internal sealed class SelfCheckedKeywords
{
    private readonly Dictionary<JsonSchema, Regex> _patterns = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonSchema, (Regex Name, JsonSchema Schema)[]> _patternProperties = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonSchema, HashSet<string>> _enums = new(ReferenceEqualityComparer.Instance);

    /// <summary>Takes the keywords out of every subschema of <paramref name="root"/>; it must not be in use yet.</summary>
    public static SelfCheckedKeywords TakeFrom(JsonSchema root)
    {
        var keywords = new SelfCheckedKeywords();
        new Collector(keywords).Visit(root);
        return keywords;
    }

    /// <summary>Adds to <paramref name="errors"/> what the taken keywords find wrong with <paramref name="token"/>.</summary>
    public void Check(BoundedSchemaValidator validator, JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath, ICollection<ValidationError> errors)
    {
        if (token.Type == JTokenType.String && _patterns.TryGetValue(schema, out var pattern) && !Matches(pattern, token.Value<string>()!))
        {
            errors.Add(new ValidationError(ValidationErrorKind.PatternMismatch, propertyName, propertyPath, token, schema));
        }

        if (_enums.TryGetValue(schema, out var allowed) && !(token.Type == JTokenType.Null && schema.IsNullable(schemaType)) && !allowed.Contains(token.ToString()))
        {
            errors.Add(new ValidationError(ValidationErrorKind.NotInEnumeration, propertyName, propertyPath, token, schema));
        }

        if (token is JObject value && _patternProperties.TryGetValue(schema, out var patterns))
        {
            CheckPatternProperties(validator, value, patterns, (List<ValidationError>)errors);
        }
    }

    // NJsonSchema no longer knows these properties match a pattern, so it called them additional: those errors go.
    private static void CheckPatternProperties(BoundedSchemaValidator validator, JObject value, (Regex Name, JsonSchema Schema)[] patterns, List<ValidationError> errors)
    {
        var matched = new Dictionary<JProperty, JsonSchema>(ReferenceEqualityComparer.Instance);
        foreach (var property in value.Properties())
        {
            if (patterns.FirstOrDefault(p => Matches(p.Name, property.Name)) is { Schema: { } schema })
            {
                matched[property] = schema;
            }
        }

        errors.RemoveAll(e =>
            (e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && e.Token is JProperty p && matched.ContainsKey(p))
            || (e.Kind == ValidationErrorKind.AdditionalPropertiesNotValid && e.Token?.Parent is JProperty q && matched.ContainsKey(q)));
        foreach (var (property, schema) in matched)
        {
            var found = validator.ValidateChild(property.Value, schema);
            if (found.Count > 0)
            {
                var nested = new Dictionary<JsonSchema, ICollection<ValidationError>> { [schema] = found };
                errors.Add(new ChildSchemaValidationError(ValidationErrorKind.AdditionalPropertiesNotValid, property.Name, property.Path, nested, property.Value, schema));
            }
        }
    }

    private static bool Matches(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new SchemaCheckStoppedException($"its regex '{regex}' ran longer than {InputLimits.RegexTimeout.TotalSeconds:0.#} s");
        }
    }

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.None, InputLimits.RegexTimeout);

    private sealed class Collector(SelfCheckedKeywords keywords) : JsonSchemaVisitorBase
    {
        protected override JsonSchema VisitSchema(JsonSchema schema, string path, string? typeNameHint)
        {
            if (!string.IsNullOrEmpty(schema.Pattern))
            {
                keywords._patterns[schema] = Compile(schema.Pattern);
                schema.Pattern = null;
            }

            if (schema.PatternProperties.Count > 0)
            {
                keywords._patternProperties[schema] = [.. schema.PatternProperties.Select(p => (Compile(p.Key), (JsonSchema)p.Value))];
                schema.PatternProperties.Clear();
            }

            if (schema.Enumeration.Count > 0)
            {
                // A null among the values is what made the schema accept null; it still must.
                if (schema.Enumeration.Contains(null))
                {
                    schema.IsNullableRaw = true;
                }

                keywords._enums[schema] = [.. schema.Enumeration.OfType<object>().Select(v => v.ToString() ?? "")];
                schema.Enumeration.Clear();
            }

            return schema;
        }
    }
}
