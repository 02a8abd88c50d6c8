using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using PatternEngine.Definitions;

namespace PatternEngine.Guards;

/// <summary>
/// A guard check's local rules, compiled once: regular expressions, whole words (any case), detectors for e-mail
/// addresses, phone numbers and card numbers (a run of 13 to 19 digits that passes the Luhn check), and built-in rule
/// sets (<see cref="GuardRuleSets"/>). Every expression
/// runs with a time limit, so hostile text cannot hold a run.
/// </summary>
internal sealed partial class LocalRules
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    private readonly ImmutableArray<(string Name, Regex Regex, Func<string, bool>? Confirm)> _rules;

    public LocalRules(GuardCheck check)
    {
        var rules = ImmutableArray.CreateBuilder<(string, Regex, Func<string, bool>?)>();
        foreach (var detector in check.Detectors)
        {
            rules.Add(detector switch
            {
                "email" => ("email", Email(), null),
                "phone" => ("phone", Phone(), null),
                "card" => ("card", Card(), Luhn),
                _ => throw new ArgumentException($"unknown detector '{detector}'", nameof(check)),
            });
        }

        rules.AddRange(check.RuleSets.SelectMany(GuardRuleSets.Of).Select(r => (r.Name, r.Regex, (Func<string, bool>?)null)));
        rules.AddRange(check.Patterns.Select(p => ("regex", new Regex(p, RegexOptions.None, Limit), (Func<string, bool>?)null)));
        if (!check.Words.IsEmpty)
        {
            var words = string.Join("|", check.Words.Select(Regex.Escape));
            rules.Add(("words", new Regex($@"\b(?:{words})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Limit), null));
        }

        _rules = rules.ToImmutable();
    }

    /// <summary>Every span a rule matched, by rule name, in text order.</summary>
    public IReadOnlyList<(string Rule, int Start, int Length)> Matches(string text)
    {
        var found = new List<(string, int, int)>();
        foreach (var (name, regex, confirm) in _rules)
        {
            foreach (Match match in regex.Matches(text))
            {
                if (match.Length > 0 && (confirm is null || confirm(match.Value)))
                {
                    found.Add((name, match.Index, match.Length));
                }
            }
        }

        found.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : b.Item3.CompareTo(a.Item3));
        return found;
    }

    /// <summary><paramref name="text"/> with each span replaced by <c>[REDACTED:rule]</c>; of overlapping spans, the first (longest) stands.</summary>
    public static string Redact(string text, IReadOnlyList<(string Rule, int Start, int Length)> spans)
    {
        var redacted = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (rule, start, length) in spans)
        {
            if (start < at)
            {
                // Inside (or across the end of) a span already replaced: the longer match that starts first stands.
                continue;
            }

            redacted.Append(text, at, start - at).Append("[REDACTED:").Append(rule).Append(']');
            at = start + length;
        }

        return redacted.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Whether a number's digits pass the Luhn check, as every issued card number's do.</summary>
    public static bool Luhn(string number)
    {
        var digits = number.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            sum += i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<!\w|\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]?\d{3,4}(?!\w|[ .-]\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Card();
}
