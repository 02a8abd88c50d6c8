using System.Reflection;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace PatternEngine.Definitions.Loading;

/// <summary>NJsonSchema's validation errors as diagnostics that say where, what is wrong and what to write instead.</summary>
internal static class SchemaErrors
{
    public static Diagnostic ToDiagnostic(ValidationError error, LocatedJson document) =>
        new(document.LocationOf(error.Token), Describe(error));

    /// <summary>A text resource embedded in <paramref name="assembly"/> (each package embeds the schemas of its own files).</summary>
    public static string ReadEmbedded(string name, Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && error.Kind != ValidationErrorKind.NotOneOf)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string Describe(ValidationError error)
    {
        var where = Where(error);
        var schema = error.Schema;
        var value = error.Token is JValue v ? v.ToString(Newtonsoft.Json.Formatting.None) : null;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"{where}is missing the required field '{error.Property}'",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"unknown field '{error.Property}'{In(error)}; {Allowed(error)}",
            ValidationErrorKind.NotInEnumeration => $"{where}{value ?? "as " + Describe(error.Token)} is not allowed; use one of {string.Join(", ", schema.Enumeration.Select(e => $"'{e}'"))}",
            ValidationErrorKind.NumberTooBig => $"{where}{value} is out of range; the maximum is {schema.Maximum}",
            ValidationErrorKind.NumberTooSmall => $"{where}{value} is out of range; the minimum is {schema.Minimum}",
            ValidationErrorKind.PatternMismatch => $"{where}{value} does not have the right form; {schema.Description ?? "it must match " + schema.Pattern}",
            ValidationErrorKind.StringTooShort => $"{where}must not be empty",
            ValidationErrorKind.TooFewItems => $"{where}needs at least {schema.MinItems} item(s)",
            ValidationErrorKind.TooFewProperties or ValidationErrorKind.TooManyProperties => $"{where}must have exactly one of: {string.Join(", ", schema.Properties.Keys)}",
            ValidationErrorKind.NotOneOf => $"{where}does not match any allowed form",
            ValidationErrorKind.NoTypeValidates => $"{where}must be {Types(schema.Type)}, not {Describe(error.Token)}",
            _ when error.Kind.ToString().EndsWith("Expected", StringComparison.Ordinal) =>
                $"{where}must be {Article(error.Kind.ToString()[..^"Expected".Length].ToLowerInvariant())}, not {Describe(error.Token)}",
            _ => $"{where}{error.Kind}",
        };
    }

    private static string Where(ValidationError error)
    {
        var path = error.Path?.TrimStart('#', '/').Replace('/', '.') ?? "";
        var field = error.Kind == ValidationErrorKind.PropertyRequired ? ParentPath(path) : path;
        return string.IsNullOrEmpty(field) ? "the file " : $"'{field}' ";
    }

    private static string ParentPath(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    private static string In(ValidationError error)
    {
        var owner = ParentPath(error.Path?.TrimStart('#', '/').Replace('/', '.') ?? "");
        return owner.Length == 0 ? "" : $" in '{owner}'";
    }

    private static string Allowed(ValidationError error)
    {
        var owner = error.Schema.ActualSchema;
        var names = owner.ActualProperties.Keys.ToList();
        return names.Count == 0 ? "remove it" : "allowed fields are " + string.Join(", ", names);
    }

    private static string Describe(JToken? token) => token?.Type switch
    {
        JTokenType.Object => "a mapping",
        JTokenType.Array => "a list",
        JTokenType.String => "text",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "true/false",
        JTokenType.Null or null => "empty",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    // A field that takes several types (a default, a binding) names them all.
    private static string Types(NJsonSchema.JsonObjectType types)
    {
        NJsonSchema.JsonObjectType[] order =
        [
            NJsonSchema.JsonObjectType.String, NJsonSchema.JsonObjectType.Number, NJsonSchema.JsonObjectType.Integer,
            NJsonSchema.JsonObjectType.Boolean, NJsonSchema.JsonObjectType.Array, NJsonSchema.JsonObjectType.Object,
        ];
        var names = order.Where(t => types.HasFlag(t)).Select(t => Article(t.ToString().ToLowerInvariant())).ToList();
        return names.Count < 2 ? string.Concat(names) : string.Join(", ", names[..^1]) + ", or " + names[^1];
    }

    private static string Article(string noun) => noun switch
    {
        "object" => "a mapping",
        "array" => "a list",
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        _ => noun,
    };
}
