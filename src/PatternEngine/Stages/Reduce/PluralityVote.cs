using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PatternEngine.Stages.Reduce;

/// <summary>
/// A plurality vote over answers compared once normalised: case, runs of space, surrounding emphasis and trailing
/// punctuation ignored, and numbers compared as numbers (<c>42.0</c> is <c>42</c>, <c>5,025</c> is <c>5025</c>).
/// Ties go to the answer that appeared first, so the same samples always elect the same winner.
/// </summary>
internal sealed partial record PluralityVote(string? Winner, int WinnerVotes, int Voters, ImmutableArray<(string Answer, int Votes)> Tally, bool Tied)
{
    /// <summary>Votes for the winner over all samples, unparsed ones included.</summary>
    public double Agreement => Voters == 0 ? 0 : (double)WinnerVotes / Voters;

    public static PluralityVote Count(IReadOnlyList<string?> answers)
    {
        var tally = new List<(string Key, string Answer, int Votes)>();
        foreach (var answer in answers.OfType<string>())
        {
            var key = Normalize(answer);
            var index = tally.FindIndex(t => t.Key == key);
            if (index < 0)
            {
                tally.Add((key, answer.Trim(), 1));
            }
            else
            {
                tally[index] = tally[index] with { Votes = tally[index].Votes + 1 };
            }
        }

        if (tally.Count == 0)
        {
            return new PluralityVote(null, 0, answers.Count, [], false);
        }

        var best = tally.Max(t => t.Votes);
        var winner = tally.First(t => t.Votes == best); // first to appear wins a tie
        var tied = tally.Count(t => t.Votes == best) > 1;
        return new PluralityVote(winner.Answer, best, answers.Count, [.. tally.Select(t => (t.Answer, t.Votes))], tied);
    }

    /// <summary>The form answers are counted by: equal forms are one answer.</summary>
    public static string Normalize(string answer)
    {
        var text = answer.Trim().TrimEnd(TrailingPunctuation).Trim(Emphasis).TrimEnd(TrailingPunctuation).Trim();
        return Compilation.AnswerNumbers.Canonical(text) ?? Spaces().Replace(text, " ").ToLowerInvariant();
    }

    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ' ', '\t', '\n', '\r'];

    private static readonly char[] Emphasis = ['*', '_', '`', '"', '\'', ' ', '\t'];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
