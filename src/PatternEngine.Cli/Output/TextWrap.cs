using System.Text;

namespace PatternEngine.Cli.Output;

/// <summary>Wraps prose at word boundaries, so that sentences fit a normal terminal even when output is piped.</summary>
internal static class TextWrap
{
    /// <summary>The columns of a normal terminal.</summary>
    public const int Columns = 100;

    /// <summary>
    /// <paramref name="text"/> in lines of at most <paramref name="width"/> columns: the first starts with
    /// <paramref name="lead"/>, the later ones with <paramref name="indent"/>.
    /// </summary>
    public static IEnumerable<string> Lines(string text, string lead = "", string indent = "  ", int width = Columns)
    {
        var line = new StringBuilder(lead);
        var start = lead.Length;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > start && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
                start = indent.Length;
            }

            line.Append(line.Length > start ? " " : "").Append(word);
        }

        if (line.Length > start)
        {
            yield return line.ToString();
        }
    }
}
