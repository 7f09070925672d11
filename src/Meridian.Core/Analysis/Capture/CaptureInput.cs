namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// A forward-only window over a capture stream: one reused buffer, grown only for a record larger
/// than it (and never past <see cref="MaxRecord"/>), so memory does not depend on the capture's size.
/// Works on non-seekable streams (pipes).
/// </summary>
public sealed class CaptureInput(Stream stream)
{
    /// <summary>The largest record or block accepted; larger lengths mean the file is corrupt.</summary>
    public const int MaxRecord = 1 << 20;

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _streamEnded;

    /// <summary>Bytes consumed so far, for error messages.</summary>
    public long Position { get; private set; }

    /// <summary>The next <paramref name="count"/> bytes without consuming them; false when the stream ends first.</summary>
    public bool TryPeek(int count, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!Fill(count))
        {
            return false;
        }

        bytes = _buffer.AsSpan(_start, count);
        return true;
    }

    /// <summary>
    /// Consumes the next <paramref name="count"/> bytes; the span is valid until the next call.
    /// False when the stream ends first: <paramref name="available"/> says how many bytes were left (0 = a clean end).
    /// </summary>
    public bool TryTake(int count, out ReadOnlySpan<byte> bytes, out int available)
    {
        bytes = default;
        if (!Fill(count))
        {
            available = _end - _start;
            Advance(available);
            return false;
        }

        available = count;
        bytes = _buffer.AsSpan(_start, count);
        Advance(count);
        return true;
    }

    private void Advance(int count)
    {
        _start += count;
        Position += count;
    }

    private bool Fill(int count)
    {
        if (count < 0 || count > MaxRecord)
        {
            return false;
        }

        if (_end - _start >= count)
        {
            return true;
        }

        Compact(count);
        while (_end - _start < count && !_streamEnded)
        {
            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            _streamEnded = read == 0;
            _end += read;
        }

        return _end - _start >= count;
    }

    private void Compact(int count)
    {
        int pending = _end - _start;
        byte[] target = count > _buffer.Length ? new byte[Math.Max(count, _buffer.Length * 2)] : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, pending);
        _buffer = target;
        _start = 0;
        _end = pending;
    }
}
