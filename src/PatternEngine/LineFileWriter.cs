using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Threading.Channels;

namespace PatternEngine;

/// <summary>
/// Appends whole lines to a file without making the caller wait for the disk: a line is queued (a
/// <see cref="Channel{T}"/>) and one writer task writes each, in order, in one write with no buffer of its own, so it
/// reaches the operating system at once (the line-by-line flush a run log promises): a process killed keeps every
/// line written before it. <see cref="FlushAsync"/> waits until every line queued before it is written;
/// <see cref="DisposeAsync"/> until all are. The file is opened, for appending, at once or with the first line. The first failure
/// to write is kept (<see cref="WriteError"/>) and no later line is written: a log or cassette never fails the
/// call that writes to it.
/// </summary>
internal sealed class LineFileWriter : IDisposable, IAsyncDisposable
{
    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    private readonly string _path;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly FileStream? _file;
    private Exception? _writeError;

    /// <param name="path">The file to append to.</param>
    /// <param name="openNow">Whether to open (or create) the file now, so that a file that cannot be written is refused
    /// at once (an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>); else with the first line.</param>
    public LineFileWriter(string path, bool openNow = false)
    {
        _path = path;
        _file = openNow ? Open(path) : null;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>The first failure to write a line (none is written after it); null while every line was written.</summary>
    public Exception? WriteError => Volatile.Read(ref _writeError);

    /// <summary>Queues a line (without its line break) to be written; never waits. After disposal a line is dropped.</summary>
    public void Append(string line) => _queue.Writer.TryWrite(new Item(line, null));

    /// <summary>Completes once every line queued before it is written (or could not be); never throws.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Item(null, flushed)) ? flushed.Task : Task.CompletedTask;
    }

    /// <summary>Writes the lines still queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    /// <summary>Writes the lines still queued, then closes the file (waiting for them: disposal is no hot path).</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait();
    }

    [SuppressMessage("Design", "CA1031", Justification = "A failure to write is kept for the owner to report; the caller's call never fails for it.")]
    private async Task WriteAsync()
    {
        var file = _file;
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (item.Line is { } line && _writeError is null)
                {
                    try
                    {
                        file ??= Open(_path);
                        await file.WriteAsync(Encode(line)).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        Volatile.Write(ref _writeError, e);
                    }
                }

                item.Flushed?.TrySetResult();
            }
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // No buffer of our own: each write goes to the operating system as it is made.
    private static FileStream Open(string path) => new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true);

    // The line and its break in one buffer, so that one write puts down the whole line.
    private static byte[] Encode(string line)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(line) + NewLine.Length];
        var written = Encoding.UTF8.GetBytes(line, bytes);
        NewLine.CopyTo(bytes, written);
        return bytes;
    }

    private readonly record struct Item(string? Line, TaskCompletionSource? Flushed);
}
