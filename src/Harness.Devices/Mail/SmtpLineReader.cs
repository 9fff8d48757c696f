namespace Harness.Devices.Mail;

/// <summary>One line read from an SMTP connection, without its line ending.</summary>
internal readonly record struct SmtpLine(byte[] Bytes, bool TooLong);

/// <summary>
/// Reads CRLF-terminated lines (a bare LF is tolerated) with a hard length bound: a longer line is
/// read to its end and discarded, so a client cannot make the server buffer without limit.
/// </summary>
internal sealed class SmtpLineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <param name="maxLength">The most octets allowed, excluding the CRLF.</param>
    /// <returns>The line, or null when the client closed the connection.</returns>
    public async Task<SmtpLine?> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var tooLong = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                    return null;
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            if (!tooLong)
            {
                // +1 leaves room for the CR that belongs to the line ending.
                if (line.Count + (stop - _start) > maxLength + 1)
                {
                    tooLong = true;
                    line.Clear();
                }
                else
                {
                    line.AddRange(new ArraySegment<byte>(_buffer, _start, stop - _start));
                }
            }

            if (newline < 0)
            {
                _start = _end;
                continue;
            }

            _start = newline + 1;
            if (!tooLong && line.Count > 0 && line[^1] == (byte)'\r')
                line.RemoveAt(line.Count - 1);
            if (!tooLong && line.Count > maxLength)
                tooLong = true;
            return new SmtpLine(tooLong ? [] : [.. line], tooLong);
        }
    }
}
