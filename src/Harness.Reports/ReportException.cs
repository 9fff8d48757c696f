namespace Harness.Reports;

/// <summary>An input the report cannot be made from (a malformed register or NDJSON line, a missing browser).
/// The message is Japanese, names the file (and line) and says what to do; the CLI prints it and exits 2.</summary>
public sealed class ReportException : Exception
{
    public ReportException(string message)
        : base(message)
    {
    }

    public ReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReportException()
    {
    }
}
