using System.Collections.Immutable;

namespace PatternEngine.Bench.Golden;

/// <summary>
/// Reads golden files: one JSON object per line, each a case with an <c>id</c>, its <c>inputs</c> and, optionally,
/// the <c>expected</c> answer and the <c>scorer</c> that judges it. Blank lines are ignored.
/// </summary>
public static class GoldenFile
{
    /// <summary>Reads the golden file at <paramref name="path"/>.</summary>
    /// <exception cref="GoldenFileException">
    /// The file is missing or unreadable, holds no valid case, or has a malformed line under <see cref="MalformedLineHandling.Fail"/>.
    /// </exception>
    public static GoldenSet Load(string path, GoldenReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new GoldenFileException($"{path}: the golden file does not exist", []);
        }

        if (InputFileSize.Problem(path, InputLimits.MaxGoldenFileBytes, "golden file") is { } tooLarge)
        {
            throw new GoldenFileException($"{path}:1:1: {tooLarge}", []);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GoldenFileException($"{path}: the golden file cannot be read: {e.Message}", []);
        }

        return Parse(text, path, options);
    }

    /// <summary>Reads golden cases from text; <paramref name="fileName"/> names the file in messages.</summary>
    /// <exception cref="GoldenFileException">
    /// The text holds no valid case, or has a malformed line under <see cref="MalformedLineHandling.Fail"/>.
    /// </exception>
    public static GoldenSet Parse(string text, string fileName, GoldenReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= GoldenReadOptions.Default;

        var cases = ImmutableArray.CreateBuilder<GoldenCase>();
        var errors = ImmutableArray.CreateBuilder<GoldenLineError>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var number = index + 1;
            var (goldenCase, error, column) = line.Length > InputLimits.MaxGoldenLineChars
                ? (null, $"the line has {line.Length:N0} characters; a case may have at most {InputLimits.MaxGoldenLineChars:N0}", 1)
                : GoldenLineReader.Read(line, number);
            if (goldenCase is not null && firstLineOfId.TryGetValue(goldenCase.Id, out var first))
            {
                (error, column) = ($"the id '{goldenCase.Id}' is already used on line {first}", GoldenLineReader.ColumnOf(line, "id"));
            }

            if (error is not null)
            {
                errors.Add(new GoldenLineError(fileName, number, error) { Column = column });
                continue;
            }

            firstLineOfId[goldenCase!.Id] = number;
            cases.Add(goldenCase);
        }

        if (errors.Count > 0 && options.MalformedLines == MalformedLineHandling.Fail)
        {
            throw new GoldenFileException(string.Join(Environment.NewLine, errors), errors.ToImmutable());
        }

        if (cases.Count == 0)
        {
            var why = errors.Count == 0 ? "it has no case lines" : $"every case line is malformed:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
            throw new GoldenFileException($"{fileName}: the golden file holds no valid case; {why}", errors.ToImmutable());
        }

        return new GoldenSet { File = fileName, Cases = cases.ToImmutable(), Errors = errors.ToImmutable() };
    }
}
