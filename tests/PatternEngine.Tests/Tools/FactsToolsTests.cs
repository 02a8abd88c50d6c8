using PatternEngine.Tools;

namespace PatternEngine.Tests.Tools;

public sealed class FactsToolsTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private FactsTools With(string text)
    {
        File.WriteAllText(_file, text);
        return new FactsTools(_file);
    }

    [Fact]
    public void A_subject_is_found_whatever_its_case() =>
        Assert.Equal("Paris.", With("# comment\nFrance\tParis.\n").Lookup("france"));

    [Fact]
    public void A_query_that_contains_a_subject_finds_it() =>
        Assert.Equal("Paris.", With("France\tParis.\n").Lookup("the capital of France"));

    [Fact]
    public void An_unknown_subject_says_so() =>
        Assert.Equal("no fact about 'Atlantis'", With("France\tParis.\n").Lookup("Atlantis"));

    [Fact]
    public void A_line_without_a_tab_is_reported_with_its_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => With("France\tParis.\nbroken line\n"));

        Assert.Equal($"{_file}:2: expected 'subject<TAB>fact'", error.Message);
    }

    [Fact]
    public void The_shipped_facts_file_reads()
    {
        var facts = new FactsTools(Path.Combine(Support.Patterns.RepositoryRoot(), "patterns", BuiltInTools.FactsFileName));

        Assert.Equal("The capital of Japan is Tokyo.", facts.Lookup("Japan"));
    }
}
