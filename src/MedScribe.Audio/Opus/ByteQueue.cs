namespace MedScribe.Audio.Opus;

/// <summary>The bytes a push parser holds between calls: at most the element or page it is reading.</summary>
internal sealed class ByteQueue
{
    private byte[] _buffer = new byte[256];
    private int _start;
    private int _count;

    public int Count => _count;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _count);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (_start + _count + bytes.Length > _buffer.Length)
        {
            var needed = _count + bytes.Length;
            var target = needed <= _buffer.Length ? _buffer : new byte[Math.Max(needed, _buffer.Length * 2)];
            Buffer.BlockCopy(_buffer, _start, target, 0, _count);
            _buffer = target;
            _start = 0;
        }

        bytes.CopyTo(_buffer.AsSpan(_start + _count));
        _count += bytes.Length;
    }

    public void Consume(int count)
    {
        _start += count;
        _count -= count;
        if (_count == 0)
        {
            _start = 0;
            if (_buffer.Length > 1 << 16)
            {
                // A large element passed through; do not keep its buffer for the rest of the stream.
                _buffer = new byte[256];
            }
        }
    }

    public void Clear() => Consume(_count);
}
