using System.Text;
using System.Text.Json.Nodes;
using PatternEngine.Review;

namespace PatternEngine.Bench.Review;

/// <summary>
/// Approved review items as golden cases, so that reviewed results feed the eval suite: one line per item, with id
/// <c>review-ID</c>, the run's inputs, and the answer that holds after review (the corrected one when given) as the
/// expected answer, scored exactly. <see cref="Golden.GoldenFile"/> reads the lines back.
/// </summary>
public static class ReviewExport
{
    /// <summary>The golden case id of a review item.</summary>
    public static string CaseId(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"review-{item.Id}";
    }

    /// <summary>The golden lines of <paramref name="items"/>'s approved items, each ending in a newline.</summary>
    public static string ToGoldenLines(IEnumerable<ReviewItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var text = new StringBuilder();
        foreach (var item in items.Where(i => i.Status == ReviewStatus.Approved))
        {
            var line = new JsonObject
            {
                ["id"] = CaseId(item),
                ["inputs"] = ReviewJson.InputsObject(item.Run.Inputs),
                ["expected"] = item.ReviewedAnswer,
            };
            text.Append(line.ToJsonString()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes the approved items of <paramref name="queue"/> to the golden file at <paramref name="path"/>, replacing it.</summary>
    /// <returns>The items written; with none, no file is written (a golden file needs a case).</returns>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static async Task<int> WriteGoldenAsync(IReviewQueue queue, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var approved = await queue.ListAsync(ReviewStatus.Approved, cancellationToken).ConfigureAwait(false);
        if (approved.Count > 0)
        {
            await File.WriteAllTextAsync(path, ToGoldenLines(approved), cancellationToken).ConfigureAwait(false);
        }

        return approved.Count;
    }
}
