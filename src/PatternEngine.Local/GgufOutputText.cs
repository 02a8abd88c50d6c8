using System.Text;

namespace PatternEngine.Models.Local;

/// <summary>
/// Collects generated text, ends it at the first stop sequence, and passes on only text that
/// can no longer turn out to be the start of a stop sequence.
/// </summary>
internal sealed class GgufOutputText(IReadOnlyList<string> stopSequences, Action<string>? onText)
{
    private readonly StringBuilder text = new();

    // Text that could still begin a stop sequence is held back this many characters at most.
    private readonly int holdBack = stopSequences.Count == 0 ? 0 : stopSequences.Max(s => s.Length) - 1;
    private int passedOn;

    /// <summary>The text so far, without any stop sequence.</summary>
    public override string ToString() => text.ToString();

    /// <summary>Adds a piece of generated text.</summary>
    /// <param name="piece">The text of one token; may be empty.</param>
    /// <returns>True if a stop sequence was hit: the text now ends before it.</returns>
    public bool Add(string piece)
    {
        if (piece.Length == 0)
        {
            return false;
        }

        text.Append(piece);
        var stopAt = FindStop(piece.Length);
        if (stopAt >= 0)
        {
            text.Length = stopAt;
            Flush();
            return true;
        }

        PassOn(text.Length - holdBack);
        return false;
    }

    /// <summary>Passes on whatever is still held back; call once generation has ended.</summary>
    public void Flush() => PassOn(text.Length);

    private int FindStop(int added)
    {
        if (stopSequences.Count == 0)
        {
            return -1;
        }

        // A new match must end inside the piece just added.
        var from = Math.Max(0, text.Length - added - holdBack);
        var window = text.ToString(from, text.Length - from);
        var best = -1;
        foreach (var stop in stopSequences)
        {
            var index = window.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (best < 0 || index < best))
            {
                best = index;
            }
        }

        return best < 0 ? -1 : from + best;
    }

    private void PassOn(int upTo)
    {
        if (upTo > passedOn)
        {
            onText?.Invoke(text.ToString(passedOn, upTo - passedOn));
            passedOn = upTo;
        }
    }
}
