namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// The bytes of a capture as the edge pushes them: one reused buffer holding what has not been read
/// yet, grown only for a record larger than it (never past <see cref="MaxRecord"/> plus one pushed
/// chunk), so memory does not depend on the capture's size. The readers ask for more
/// (<see cref="CaptureReadStatus.NeedMoreData"/>) instead of blocking; the edge owns the stream.
/// </summary>
public sealed class CaptureInput
{
    /// <summary>The largest record or block accepted; larger lengths mean the file is corrupt.</summary>
    public const int MaxRecord = 1 << 20;

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;

    /// <summary>Bytes consumed so far, for error messages.</summary>
    public long Position { get; private set; }

    /// <summary>True once the edge has said no more bytes will come.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Bytes pushed and not yet consumed.</summary>
    public int Pending => _end - _start;

    /// <summary>Appends the next bytes of the capture.</summary>
    public void Push(ReadOnlySpan<byte> bytes)
    {
        if (IsComplete)
        {
            throw new InvalidOperationException("the capture was completed");
        }

        MakeRoom(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>Says the capture has ended: a reader short of bytes now reports the end or a truncation.</summary>
    public void Complete() => IsComplete = true;

    /// <summary>The next <paramref name="count"/> bytes without consuming them; false while fewer are pending.</summary>
    public bool TryPeek(int count, out ReadOnlySpan<byte> bytes)
    {
        bool enough = count >= 0 && Pending >= count;
        bytes = enough ? _buffer.AsSpan(_start, count) : default;
        return enough;
    }

    /// <summary>Consumes the next <paramref name="count"/> bytes; the span is valid until the next push. False (nothing consumed) while fewer are pending.</summary>
    public bool TryTake(int count, out ReadOnlySpan<byte> bytes)
    {
        if (!TryPeek(count, out bytes))
        {
            return false;
        }

        _start += count;
        Position += count;
        return true;
    }

    private void MakeRoom(int incoming)
    {
        int pending = Pending;
        if (_end + incoming <= _buffer.Length)
        {
            return;
        }

        byte[] target = pending + incoming > _buffer.Length ? new byte[Math.Max(pending + incoming, _buffer.Length * 2)] : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, pending);
        _buffer = target;
        _start = 0;
        _end = pending;
    }
}
