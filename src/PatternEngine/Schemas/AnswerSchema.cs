using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace PatternEngine.Schemas;

/// <summary>
/// A JSON Schema that answers are checked against (a prompt's <c>output_schema</c>, a golden case's <c>schema</c>),
/// loaded once and safe to check any answer with: it was refused on load unless <see cref="SchemaReferences"/>,
/// <see cref="SchemaRules"/> and <see cref="SchemaBranches"/> accept it, it never refers outside itself, and each check is bounded
/// (<see cref="BoundedSchemaValidator"/>). Immutable once loaded; checks may run concurrently.
/// </summary>
internal sealed class AnswerSchema
{
    private readonly JsonSchema _schema;
    private readonly SelfCheckedKeywords _keywords;

    private AnswerSchema(JsonSchema schema, SelfCheckedKeywords keywords)
    {
        _schema = schema;
        _keywords = keywords;
    }

    // A prompt's schema is read when its file is checked and used when it is compiled: one text, read once. Keyed by
    // the text itself (the same string from check to compile), so that it lives as long as the definition holding it.
    private static readonly ConditionalWeakTable<string, AnswerSchema> Read = [];

    /// <summary>The schema <paramref name="json"/> describes, read once per text instance (checking a file, then compiling it).</summary>
    /// <exception cref="InvalidSchemaException">The schema cannot be checked safely; the message says where and why.</exception>
    public static AnswerSchema For(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Read.TryGetValue(json, out var known))
        {
            return known;
        }

        var loaded = Load(json);
        return Read.GetValue(json, _ => loaded);
    }

    /// <summary>Loads a schema from its JSON text.</summary>
    /// <exception cref="InvalidSchemaException">The schema cannot be checked safely; the message says where and why.</exception>
    public static AnswerSchema Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var document = Parse(json);
        SchemaReferences.Check(document);
        SchemaRules.Check(document);
        SchemaBranches.Check(document);
        JsonSchema schema;
        try
        {
            schema = SchemaReader.Read(json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NotSupportedException or FormatException or OverflowException or InvalidCastException)
        {
            throw new InvalidSchemaException("NJsonSchema cannot read it: " + e.Message);
        }

        return new AnswerSchema(schema, SelfCheckedKeywords.TakeFrom(schema));
    }

    /// <summary>
    /// Null when <paramref name="answer"/> satisfies the schema; otherwise why not, worded to follow "the answer":
    /// "does not satisfy {<paramref name="name"/>}: ..." or "could not be checked against {name}: ...".
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "A limit the check reaches, or anything the validator meets in an answer, is a finding about the answer, never a failed run.")]
    public string? Check(JToken answer, string name) => Check(answer, name, TimeProvider.System);

    /// <inheritdoc cref="Check(JToken, string)"/>
    /// <param name="answer">The answer.</param>
    /// <param name="name">What the schema is called in the finding.</param>
    /// <param name="time">The clock the check's time limit is read from (tests hold it still).</param>
    public string? Check(JToken answer, string name, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            var errors = new BoundedSchemaValidator(_keywords, time).Validate(answer, _schema);
            return errors.FirstOrDefault() is { } first ? $"does not satisfy {name}: {first.Kind} at {first.Path}" : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"could not be checked against {name}: {e.Message}";
        }
    }

    private static JToken Parse(string json)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = InputLimits.MaxJsonDepth };
            var token = JToken.ReadFrom(reader);
            return reader.Read() && reader.TokenType != JsonToken.Comment ? throw new JsonReaderException("additional text after the schema") : token;
        }
        catch (JsonReaderException e)
        {
            throw new InvalidSchemaException("it is not valid JSON: " + e.Message);
        }
    }
}
