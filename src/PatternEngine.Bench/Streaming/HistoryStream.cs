using System.Threading.Channels;
using PatternEngine.Bench.History;

namespace PatternEngine.Bench.Streaming;

/// <summary>
/// Writes a bench's finished runs to its history as they come, from many runs at once, through one writer: each batch
/// the writer finds waiting goes in one transaction. The queue is bounded, so a history slower than the runs holds the
/// runs back instead of piling their records up in memory.
/// </summary>
internal sealed class HistoryStream
{
    private const int Capacity = 512;

    private const int MaxBatch = 256;

    private readonly Channel<BenchSample> _queue = Channel.CreateBounded<BenchSample>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly BenchHistory _history;
    private readonly long _benchId;
    private readonly IReadOnlyDictionary<string, long> _resultIds;
    private readonly Task _writer;

    public HistoryStream(BenchHistory history, long benchId, IReadOnlyDictionary<string, long> resultIds)
    {
        _history = history;
        _benchId = benchId;
        _resultIds = resultIds;
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Queues a finished run's full sample; a run that finished is stored even when the bench is being cancelled.</summary>
    /// <exception cref="BenchHistoryException">The history failed; the bench cannot go on storing.</exception>
    public async ValueTask AddAsync(BenchSample sample)
    {
        try
        {
            await _queue.Writer.WriteAsync(sample).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _writer.ConfigureAwait(false); // throws what stopped the writer
            throw;
        }
    }

    /// <summary>Stores what is queued, and returns once it is stored.</summary>
    /// <exception cref="BenchHistoryException">The history failed.</exception>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<BenchSample>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var sample))
                {
                    batch.Add(sample);
                }

                _history.Use(connection => HistoryWriter.Append(connection, _benchId, _resultIds, batch));
                batch.Clear();
            }
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
            throw;
        }
    }
}
