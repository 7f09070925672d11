namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// Classic pcap: a 24-byte file header (magic, version, snap length, link type), then records of a
/// 16-byte header (seconds, µs or ns, captured length, original length) and the captured bytes.
/// </summary>
public sealed class PcapReader : ICaptureReader
{
    private const int FileHeaderSize = 24;
    private const int RecordHeaderSize = 16;

    private readonly CaptureInput _input;
    private readonly bool _bigEndian;
    private readonly long _fractionToNanoseconds;
    private int _linkType = -1;

    internal PcapReader(CaptureInput input, bool bigEndian, bool nanoseconds)
    {
        _input = input;
        _bigEndian = bigEndian;
        _fractionToNanoseconds = nanoseconds ? 1 : 1000;
    }

    public string? Problem { get; private set; }

    public CaptureReadStatus Read(out CapturedPacket packet)
    {
        packet = default;
        if (_linkType < 0 && !TryReadFileHeader())
        {
            return Short("the file header is cut short");
        }

        if (!_input.TryPeek(RecordHeaderSize, out ReadOnlySpan<byte> header))
        {
            return _input.IsComplete && _input.Pending == 0 ? CaptureReadStatus.End : Short("the last record header is cut short");
        }

        long seconds = ByteOrder.U32(header, _bigEndian);
        long fraction = ByteOrder.U32(header[4..], _bigEndian);
        uint captured = ByteOrder.U32(header[8..], _bigEndian);
        if (captured > CaptureInput.MaxRecord)
        {
            return Stop(CaptureReadStatus.Malformed, $"a record claims {captured} captured bytes at offset {_input.Position}");
        }

        if (!_input.TryTake(RecordHeaderSize + (int)captured, out ReadOnlySpan<byte> record))
        {
            return Short("the last record is cut short");
        }

        packet = new CapturedPacket(_linkType, record[RecordHeaderSize..], seconds * 1_000_000_000 + fraction * _fractionToNanoseconds, hasTimestamp: true);
        return CaptureReadStatus.Packet;
    }

    private bool TryReadFileHeader()
    {
        if (!_input.TryTake(FileHeaderSize, out ReadOnlySpan<byte> header))
        {
            return false;
        }

        // The upper bits of the link type field carry FCS information, not the link type.
        _linkType = (int)(ByteOrder.U32(header[20..], _bigEndian) & 0xffff);
        return true;
    }

    /// <summary>Too few bytes: wait for more, or, once the input is complete, a truncated capture.</summary>
    private CaptureReadStatus Short(string problem) =>
        _input.IsComplete ? Stop(CaptureReadStatus.Truncated, problem) : CaptureReadStatus.NeedMoreData;

    private CaptureReadStatus Stop(CaptureReadStatus status, string problem)
    {
        Problem = problem;
        return status;
    }
}
