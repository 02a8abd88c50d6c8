using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PatternEngine.Schemas;

namespace PatternEngine.Tests.Schemas;

public sealed class AnswerSchemaTests
{
    // Generous: the unbounded regex ran until killed at 60 s.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static string? Check(string schema, string answer) => AnswerSchema.Load(schema).Check(JToken.Parse(answer), "the schema");

    private static string Refusal(string schema) => Assert.Throws<InvalidSchemaException>(() => AnswerSchema.Load(schema)).Message;

    [Theory]
    [InlineData("""{"$ref": "http://127.0.0.1:9/s.json"}""", "at '#': '$ref' refers outside the schema ('http://127.0.0.1:9/s.json')")]
    [InlineData("""{"properties": {"a": {"$ref": "other.json#/x"}}}""", "at '#/properties/a': '$ref' refers outside the schema ('other.json#/x')")]
    [InlineData("""{"$ref": "#anchor"}""", "'$ref' '#anchor' is not a JSON pointer")]
    [InlineData("""{"$ref": "#/definitions/missing"}""", "'$ref' '#/definitions/missing' names no schema inside this one")]
    [InlineData("""{"enum": [{"$ref": "https://example.com/x"}]}""", "at '#/enum/0': '$ref' refers outside the schema")]
    public void References_outside_the_schema_or_to_nothing_are_refused(string schema, string message) =>
        Assert.Contains(message, Refusal(schema), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"$ref": "#"}""", "the schema applies itself to the same value without end (# -> #)")]
    [InlineData("""{"allOf": [{"$ref": "#"}]}""", "(# -> #/allOf/0 -> #)")]
    [InlineData("""{"definitions": {"a": {"anyOf": [{"$ref": "#/definitions/b"}]}, "b": {"not": {"$ref": "#/definitions/a"}}}, "$ref": "#/definitions/a"}""", "without end")]
    public void A_schema_that_applies_itself_to_the_same_value_is_refused(string schema, string message) =>
        Assert.Contains(message, Refusal(schema), StringComparison.Ordinal);

    [Fact]
    public void A_schema_that_recurses_through_properties_is_kept_and_checks_nested_answers()
    {
        const string tree = """{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}""";

        Assert.Null(Check(tree, """{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}"""));
        Assert.Equal("does not satisfy the schema: ArrayItemNotValid at #/children[0]", Check(tree, """{"name": "a", "children": [{"children": []}]}"""));
    }

    [Fact]
    public void Branches_that_multiply_past_the_limit_are_refused()
    {
        // Each level applies the next one twice: 2^12 subschemas on one value.
        var definitions = string.Join(", ", Enumerable.Range(0, 12).Select(i => $"\"d{i}\": {{\"anyOf\": [{{\"$ref\": \"#/definitions/d{i + 1}\"}}, {{\"$ref\": \"#/definitions/d{i + 1}\"}}]}}"));
        var schema = $$"""{"definitions": { {{definitions}}, "d12": {"type": "string"} }, "$ref": "#/definitions/d0"}""";

        Assert.Contains("apply more than 1,000 subschemas to one value", Refusal(schema), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": 5}""", "'type' must be one of")]
    [InlineData("""{"type": "banana"}""", "'type' 'banana' is not a JSON type")]
    [InlineData("""{"enum": []}""", "'enum' must be a non-empty list")]
    [InlineData("""{"multipleOf": 0}""", "'multipleOf' must be a number greater than 0")]
    [InlineData("""{"multipleOf": -2}""", "'multipleOf' must be a number greater than 0")]
    [InlineData("""{"pattern": "("}""", "'pattern' is not a valid regular expression")]
    [InlineData("""{"patternProperties": {"(": {}}}""", "the 'patternProperties' key '(' is not a valid regular expression")]
    [InlineData("""{"minLength": -1}""", "'minLength' must be a whole number")]
    [InlineData("""{"maximum": 1e300}""", "'maximum' must be a number between")]
    [InlineData("""{"properties": {"a": 5}}""", "at '#/properties/a': a schema must be an object, not a number")]
    [InlineData("""{"allOf": []}""", "'allOf' must be a non-empty list of schemas")]
    [InlineData("""{"required": "a"}""", "'required' must be a list of property names")]
    [InlineData("""{"type": "object"} trailing""", "it is not valid JSON")]
    public void Keywords_the_validator_would_fail_on_are_refused_when_loaded(string schema, string message) =>
        Assert.Contains(message, Refusal(schema), StringComparison.Ordinal);

    [Fact]
    public void A_schema_nested_past_the_json_depth_limit_is_refused() =>
        Assert.Contains("it is not valid JSON", Refusal(string.Concat(Enumerable.Repeat("""{"items": """, 70)) + "{}" + new string('}', 70)), StringComparison.Ordinal);

    [Fact]
    public void A_schema_with_too_many_values_is_refused() =>
        Assert.Contains("more than 10,000 values", Refusal($$"""{"enum": [{{string.Join(",", Enumerable.Range(0, 10_001))}}]}"""), StringComparison.Ordinal);

    // 2. A model's answer hung the run: a catastrophic pattern on 40 a's and a '!'.
    [Fact]
    public void A_pattern_that_backtracks_without_end_stops_at_the_regex_time_limit()
    {
        var schema = AnswerSchema.Load("""{"type": "string", "pattern": "^(a+)+$"}""");

        var watch = Stopwatch.StartNew();
        var problem = schema.Check(new JValue(new string('a', 40) + "!"), "the schema");

        Assert.True(watch.Elapsed < Patience, watch.Elapsed.ToString());
        Assert.Equal("could not be checked against the schema: its regex '^(a+)+$' ran longer than 1 s", problem);
    }

    [Fact]
    public void A_pattern_property_that_backtracks_without_end_stops_too()
    {
        var schema = AnswerSchema.Load("""{"type": "object", "patternProperties": {"^(a+)+$": {"type": "number"}}}""");

        var problem = schema.Check(JObject.Parse($$"""{"{{new string('a', 40)}}!": 1}"""), "the schema");

        Assert.Equal("could not be checked against the schema: its regex '^(a+)+$' ran longer than 1 s", problem);
    }

    [Fact]
    public void Patterns_pattern_properties_and_enums_still_mean_what_they_say()
    {
        const string schema = """
            {"type": "object", "additionalProperties": false,
             "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}$"}, "size": {"enum": ["S", "M", null]}},
             "patternProperties": {"^x-": {"type": "number"}}}
            """;

        Assert.Null(Check(schema, """{"code": "ABC", "size": "M", "x-extra": 3}"""));
        Assert.Null(Check(schema, """{"size": null}"""));
        Assert.Contains("PatternMismatch", Check(schema, """{"code": "abc"}"""), StringComparison.Ordinal);
        Assert.Contains("NotInEnumeration", Check(schema, """{"size": "XL"}"""), StringComparison.Ordinal);
        Assert.Contains("AdditionalPropertiesNotValid", Check(schema, """{"x-extra": "three"}"""), StringComparison.Ordinal);
        Assert.Contains("NoAdditionalPropertiesAllowed", Check(schema, """{"other": 1}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Checking_a_huge_answer_stops_at_the_check_limit()
    {
        // A clock that stands still: only the check limit can stop it, however busy the machine.
        var schema = AnswerSchema.Load("""{"items": {}}""");
        var answer = new JArray(Enumerable.Repeat(1, 150_000));

        Assert.Equal("could not be checked against the schema: it takes more than 100,000 checks", schema.Check(answer, "the schema", new FakeTimeProvider()));
    }

    [Fact]
    public void A_check_that_is_slow_for_its_size_stops_at_the_time_limit()
    {
        // 900 enums on one large answer: each turns the whole answer into text (about 10 MB), far more work than 2 s
        // allows on any machine, in far fewer checks than the check limit.
        var branches = string.Join(", ", Enumerable.Repeat("""{"enum": [1]}""", 900));
        var schema = AnswerSchema.Load($$"""{"allOf": [{{branches}}]}""");
        var answer = new JArray(Enumerable.Range(0, 200_000).Select(i => new string('x', 50)));

        var watch = Stopwatch.StartNew();
        var problem = schema.Check(answer, "the schema");

        Assert.Equal("could not be checked against the schema: it takes longer than 2 s", problem);
        Assert.True(watch.Elapsed < Patience, watch.Elapsed.ToString());
    }

    [Fact]
    public void Loading_a_schema_with_an_id_elsewhere_fetches_nothing()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;

        var schema = AnswerSchema.Load("""{"$id": "http://127.0.0.1:PORT/root.json", "definitions": {"a": {"type": "string"}}, "properties": {"x": {"$ref": "#/definitions/a"}}}""".Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Contains("StringExpected", schema.Check(JObject.Parse("""{"x": 1}"""), "the schema"), StringComparison.Ordinal);
        Assert.False(server.Pending(), "loading the schema connected to its $id");
    }
}
