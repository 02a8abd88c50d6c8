using PatternEngine.Bench.Golden;

namespace PatternEngine.Tests.Bench.Golden;

public sealed class GoldenFileTests
{
    private const string Valid = """{"id": "add-1", "inputs": {"question": "What is 12 + 30?"}, "expected": "42", "scorer": "numeric"}""";

    private static GoldenLineError SingleError(string text)
    {
        var set = GoldenFile.Parse(Valid + "\n" + text, "golden.jsonl");
        return Assert.Single(set.Errors);
    }

    private static void AssertReports(string line, int column, string messagePart)
    {
        var error = SingleError(line);
        Assert.Equal(2, error.Line);
        Assert.Equal(column, error.Column);
        Assert.True(error.Message.Contains(messagePart, StringComparison.Ordinal), $"expected '{messagePart}' in: {error.Message}");
        Assert.StartsWith($"golden.jsonl:2:{column}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_issue_example_reads_as_a_numeric_case()
    {
        var set = GoldenFile.Parse(Valid, "golden.jsonl");

        var single = Assert.Single(set.Cases);
        Assert.Equal("add-1", single.Id);
        Assert.Equal("What is 12 + 30?", single.Inputs["question"]);
        Assert.Equal("42", single.Expected);
        Assert.Equal("numeric", single.Scorer);
        Assert.Equal(1, single.Line);
        Assert.Empty(set.Errors);
    }

    [Fact]
    public void Blank_lines_are_ignored_and_lines_keep_their_numbers()
    {
        var set = GoldenFile.Parse("\n" + Valid + "\r\n   \r\n" + """{"id": "b", "inputs": {}}""" + "\n", "g.jsonl");

        Assert.Equal([2, 4], set.Cases.Select(c => c.Line));
        Assert.Empty(set.Errors);
    }

    [Fact]
    public void Expected_alone_means_the_exact_scorer() =>
        Assert.Equal("exact", GoldenFile.Parse("""{"id": "a", "inputs": {}, "expected": "Paris"}""", "g").Cases[0].Scorer);

    [Fact]
    public void A_case_without_expected_only_measures() =>
        Assert.Null(GoldenFile.Parse("""{"id": "a", "inputs": {"q": "hi"}}""", "g").Cases[0].Expected);

    [Fact]
    public void A_numeric_expected_becomes_its_text() =>
        Assert.Equal("3.50", GoldenFile.Parse("""{"id": "a", "inputs": {}, "expected": 3.50, "scorer": "numeric", "tolerance": 0.01}""", "g").Cases[0].Expected);

    [Fact]
    public void Inputs_other_than_text_are_given_as_their_json()
    {
        var inputs = GoldenFile.Parse("""{"id": "a", "inputs": {"items": ["x", "y"], "n": 3, "flag": true, "text": "as is"}}""", "g").Cases[0].Inputs;

        Assert.Equal("""["x", "y"]""", inputs["items"]);
        Assert.Equal("3", inputs["n"]);
        Assert.Equal("true", inputs["flag"]);
        Assert.Equal("as is", inputs["text"]);
    }

    [Fact]
    public void A_json_schema_case_keeps_its_schema()
    {
        var single = GoldenFile.Parse("""{"id": "a", "inputs": {}, "scorer": "json-schema", "schema": {"type": "object", "required": ["name"]}}""", "g").Cases[0];

        Assert.Equal("json-schema", single.Scorer);
        Assert.Equal("object", single.Schema!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Broken_json_is_reported_with_its_column() =>
        AssertReports("""{"id": "a", "inputs": {}""", 25, "invalid JSON: ");

    [Fact]
    public void Broken_json_reports_columns_in_characters_not_bytes() =>
        AssertReports("""{"id": "héé", x}""", 15, "invalid JSON: ");

    [Fact]
    public void Text_after_the_object_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}} extra""", 27, "invalid JSON: ");

    [Fact]
    public void A_line_that_is_not_an_object_is_reported() =>
        AssertReports("""["a"]""", 1, "a case must be a JSON object, not an array");

    [Fact]
    public void A_duplicate_field_is_reported() =>
        AssertReports("""{"id": "a", "id": "b", "inputs": {}}""", 1, "invalid JSON: Duplicate property 'id'");

    [Fact]
    public void An_unknown_field_is_reported_by_name() =>
        AssertReports("""{"id": "a", "inputs": {}, "expcted": "42"}""", 27, "unknown field 'expcted'; a case has id, inputs, expected");

    [Fact]
    public void A_missing_id_is_reported() =>
        AssertReports("""{"inputs": {}}""", 1, "missing the field 'id'");

    [Fact]
    public void An_id_that_is_not_a_string_is_reported() =>
        AssertReports("""{"id": 7, "inputs": {}}""", 2, "'id' must be a string, not a number");

    [Fact]
    public void An_empty_id_is_reported() =>
        AssertReports("""{"id": "  ", "inputs": {}}""", 2, "'id' is empty");

    [Fact]
    public void A_duplicate_id_names_the_line_of_the_first() =>
        AssertReports("""{"id": "add-1", "inputs": {}}""", 2, "the id 'add-1' is already used on line 1");

    [Fact]
    public void Missing_inputs_are_reported() =>
        AssertReports("""{"id": "a"}""", 1, "missing the field 'inputs'");

    [Fact]
    public void Inputs_that_are_not_an_object_are_reported() =>
        AssertReports("""{"id": "a", "inputs": "hi"}""", 13, "'inputs' must be an object of input names and values, not a string");

    [Fact]
    public void A_null_input_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {"q": null}}""", 13, "the input 'q' is null");

    [Fact]
    public void An_expected_of_the_wrong_type_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": ["42"]}""", 27, "'expected' must be a string or a number, not an array");

    [Fact]
    public void An_unknown_scorer_is_reported_with_the_known_ones() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "x", "scorer": "fuzzy"}""", 44, "unknown scorer 'fuzzy'; use one of exact, contains, regex, numeric, json-schema");

    [Fact]
    public void A_scorer_without_expected_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "scorer": "contains"}""", 27, "the contains scorer needs the field 'expected'");

    [Fact]
    public void Expected_with_the_json_schema_scorer_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "x", "scorer": "json-schema", "schema": {}}""", 27, "'expected' has no use with the json-schema scorer");

    [Fact]
    public void A_tolerance_outside_the_numeric_scorer_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "x", "tolerance": 1}""", 44, "'tolerance' applies only to the numeric scorer, not exact");

    [Fact]
    public void A_negative_tolerance_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "1", "scorer": "numeric", "tolerance": -0.5}""", 65, "'tolerance' must be a number of at least 0, not -0.5");

    [Fact]
    public void A_tolerance_that_is_not_a_number_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "1", "scorer": "numeric", "tolerance": "1"}""", 65, "'tolerance' must be a number of at least 0, not a string");

    [Fact]
    public void A_numeric_expected_that_is_no_number_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "forty-two", "scorer": "numeric"}""", 27, "'expected' must be a number for the numeric scorer, not 'forty-two'");

    [Fact]
    public void A_regex_that_does_not_compile_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "(unclosed", "scorer": "regex"}""", 27, "'expected' is not a valid regular expression");

    [Fact]
    public void An_empty_contains_expected_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "", "scorer": "contains"}""", 27, "'expected' is empty");

    [Fact]
    public void The_json_schema_scorer_without_a_schema_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "scorer": "json-schema"}""", 27, "the json-schema scorer needs the field 'schema'");

    [Fact]
    public void A_schema_outside_the_json_schema_scorer_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "expected": "x", "schema": {}}""", 44, "'schema' applies only to the json-schema scorer, not exact");

    [Fact]
    public void A_schema_that_is_not_an_object_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "scorer": "json-schema", "schema": "object"}""", 52, "'schema' must be a JSON Schema object, not a string");

    [Fact]
    public void A_schema_that_does_not_load_is_reported() =>
        AssertReports("""{"id": "a", "inputs": {}, "scorer": "json-schema", "schema": {"$ref": "#/definitions/missing"}}""", 52, "'schema' is not a usable JSON Schema");

    // Issue 11, 11: a lone surrogate escape aborted the whole bench, even when bad lines are skipped.
    [Theory]
    [InlineData("""{"id": "\ud800", "inputs": {}}""", 9)]
    [InlineData("""{"id": "b", "inputs": {"q": "x\udc00y"}}""", 31)]
    [InlineData("""{"id": "b", "inputs": {"\ud800": "x"}}""", 25)]
    public void A_lone_surrogate_escape_is_a_bad_line_at_its_column(string line, int column)
    {
        var set = GoldenFile.Parse(Valid + "\n" + line, "golden.jsonl");

        Assert.Equal("add-1", Assert.Single(set.Cases).Id);
        var error = Assert.Single(set.Errors);
        Assert.Equal((2, column), (error.Line, error.Column));
        Assert.Contains("lone surrogate escape", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": 5}""", "'type' must be one of")]
    [InlineData("""{"enum": []}""", "'enum' must be a non-empty list")]
    [InlineData("""{"pattern": "("}""", "'pattern' is not a valid regular expression")]
    [InlineData("""{"$ref": "http://127.0.0.1:9/s.json"}""", "'$ref' refers outside the schema")]
    public void A_schema_the_check_would_fail_on_is_refused(string schema, string message) =>
        AssertReports($$"""{"id": "a", "inputs": {}, "scorer": "json-schema", "schema": {{schema}}}""", 52, message);

    [Fact]
    public void A_line_over_the_limit_is_refused_without_being_parsed()
    {
        var error = SingleError("{\"id\": \"" + new string('x', InputLimits.MaxGoldenLineChars) + "\", \"inputs\": {}}");

        Assert.StartsWith("the line has 1,048,", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("characters; a case may have at most 1,048,576", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skipping_keeps_the_good_lines_and_reports_every_bad_one()
    {
        var set = GoldenFile.Parse(Valid + "\nnot json\n" + """{"id": "b", "inputs": {}}""" + "\n{}", "g.jsonl");

        Assert.Equal(["add-1", "b"], set.Cases.Select(c => c.Id));
        Assert.Equal([2, 4], set.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Failing_on_malformed_lines_lists_every_one_as_file_line_message()
    {
        var options = new GoldenReadOptions { MalformedLines = MalformedLineHandling.Fail };

        var error = Assert.Throws<GoldenFileException>(() => GoldenFile.Parse(Valid + "\nnot json\n{}", "g.jsonl", options));

        Assert.Equal([2, 3], error.Errors.Select(e => e.Line));
        Assert.Equal(string.Join(Environment.NewLine, error.Errors), error.Message);
        Assert.StartsWith("g.jsonl:2:2: invalid JSON: 'not json' is an invalid JSON literal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_blank_lines_has_no_valid_case() =>
        Assert.Contains("holds no valid case", Assert.Throws<GoldenFileException>(() => GoldenFile.Parse("\n \n", "g.jsonl")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_file_of_bad_lines_has_no_valid_case_and_says_why()
    {
        var error = Assert.Throws<GoldenFileException>(() => GoldenFile.Parse("{}\n[]", "g.jsonl"));

        Assert.StartsWith("g.jsonl: the golden file holds no valid case; every case line is malformed", error.Message, StringComparison.Ordinal);
        Assert.Contains("g.jsonl:2:1: a case must be a JSON object", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void A_missing_file_is_reported_by_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.jsonl");

        var error = Assert.Throws<GoldenFileException>(() => GoldenFile.Load(path));

        Assert.Equal($"{path}: the golden file does not exist", error.Message);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"golden-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "\uFEFF" + Valid + "\n{\n");
        try
        {
            var set = GoldenFile.Load(path);

            Assert.Equal(path, set.File);
            Assert.Equal("add-1", Assert.Single(set.Cases).Id);
            Assert.Equal($"{path}:2:2: ", Assert.Single(set.Errors).ToString()[..(path.Length + 6)]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
