using System.Text;

namespace PatternEngine.Fuzz.Mutations;

/// <summary>Mutations blind to structure: bytes flipped, set, inserted (control and syntax characters, broken UTF-8),
/// deleted or repeated, and the text cut short. The bytes are read back as UTF-8, as the loaders read files.</summary>
internal static class ByteMutator
{
    private static readonly byte[] Interesting = [0x00, 0x0D, 0x0A, 0x09, 0x1B, 0x7F, 0xC3, 0xE2, 0xF0, 0xFF, (byte)'{', (byte)'[', (byte)'"', (byte)'\\', (byte)'&', (byte)'*', (byte)'!', (byte)':', (byte)'-', (byte)'#', (byte)'|'];

    public static string Mutate(string text, Random random, out string name)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        if (bytes.Count == 0)
        {
            name = "bytes-empty";
            return text;
        }

        var at = random.Next(bytes.Count);
        switch (random.Next(6))
        {
            case 0:
                name = "flip-bit";
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                name = "set-byte";
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 2:
                name = "insert-bytes";
                bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => Interesting[random.Next(Interesting.Length)]));
                break;
            case 3:
                name = "delete-range";
                bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                break;
            case 4:
                name = "repeat-range";
                var length = Math.Min(random.Next(1, 256), bytes.Count - at);
                bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                break;
            default:
                name = "truncate";
                bytes.RemoveRange(at, bytes.Count - at);
                break;
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
