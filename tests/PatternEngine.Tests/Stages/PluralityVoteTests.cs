using PatternEngine.Stages.Reduce;

namespace PatternEngine.Tests.Stages;

public sealed class PluralityVoteTests
{
    [Fact]
    public void The_most_common_answer_wins_with_its_share_of_all_samples()
    {
        var vote = PluralityVote.Count(["7", "8", "7", null, "7"]);

        Assert.Equal("7", vote.Winner);
        Assert.Equal(3, vote.WinnerVotes);
        Assert.Equal(5, vote.Voters);
        Assert.Equal(0.6, vote.Agreement, 10);
        Assert.False(vote.Tied);
        Assert.Equal<(string, int)>([("7", 3), ("8", 1)], vote.Tally);
    }

    [Fact]
    public void A_tie_goes_to_the_answer_seen_first()
    {
        var vote = PluralityVote.Count(["Lyon", "Paris", "Paris", "Lyon"]);

        Assert.Equal("Lyon", vote.Winner);
        Assert.True(vote.Tied);
        Assert.Equal(0.5, vote.Agreement, 10);
    }

    [Fact]
    public void A_tie_is_decided_by_order_whatever_the_order_of_the_later_votes()
    {
        Assert.Equal("b", PluralityVote.Count(["b", "a", "a", "b"]).Winner);
        Assert.Equal("a", PluralityVote.Count(["a", "b", "b", "a"]).Winner);
    }

    [Fact]
    public void Case_surrounding_space_inner_runs_of_space_and_a_final_full_stop_are_ignored()
    {
        var vote = PluralityVote.Count(["New York", "new york.", "  NEW   YORK  ", "Boston", "Boston"]);

        Assert.Equal("New York", vote.Winner);
        Assert.Equal(3, vote.WinnerVotes);
        Assert.Equal<(string, int)>([("New York", 3), ("Boston", 2)], vote.Tally);
    }

    [Fact]
    public void The_winner_is_shown_as_first_written_trimmed()
    {
        var vote = PluralityVote.Count(["  paris. ", "Paris"]);

        Assert.Equal("paris.", vote.Winner);
    }

    [Fact]
    public void No_parsable_sample_elects_nobody()
    {
        var vote = PluralityVote.Count([null, null, null]);

        Assert.Null(vote.Winner);
        Assert.Equal(0, vote.WinnerVotes);
        Assert.Equal(3, vote.Voters);
        Assert.Equal(0.0, vote.Agreement);
        Assert.Empty(vote.Tally);
        Assert.False(vote.Tied);
    }

    [Fact]
    public void No_samples_at_all_have_no_agreement()
    {
        var vote = PluralityVote.Count([]);

        Assert.Null(vote.Winner);
        Assert.Equal(0.0, vote.Agreement);
    }

    [Theory]
    [InlineData("Paris.", "paris")]
    [InlineData("  Paris  ", "paris")]
    [InlineData("Paris ...", "paris")]
    [InlineData("New\tYork\n", "new york")]
    [InlineData("3.14", "3.14")]
    public void Normalizing_keeps_what_distinguishes_answers(string answer, string normalized) =>
        Assert.Equal(normalized, PluralityVote.Normalize(answer));

    [Fact]
    public void Numbers_are_counted_as_numbers_whatever_their_decimals_and_thousands_separators()
    {
        var vote = PluralityVote.Count(["5025", "5,025", "5025.0", "5,025.00.", "5024", "5024"]);

        Assert.Equal("5025", vote.Winner);
        Assert.Equal(4, vote.WinnerVotes);
        Assert.Equal<(string, int)>([("5025", 4), ("5024", 2)], vote.Tally);
    }

    [Fact]
    public void Emphasis_quotes_and_trailing_punctuation_do_not_split_the_vote()
    {
        var vote = PluralityVote.Count(["**Paris**", "\"Paris\"!", "paris;", "Lyon", "Lyon"]);

        Assert.Equal(3, vote.WinnerVotes);
        Assert.Equal("paris", PluralityVote.Normalize(vote.Winner!));
    }

    [Fact]
    public void Numbers_that_differ_stay_apart() =>
        Assert.NotEqual(PluralityVote.Normalize("42"), PluralityVote.Normalize("4.2"));
}
