namespace Harness.Devices.Vendor;

/// <summary>An outage the token vendor plays on demand. A faulted request changes no credential.</summary>
public abstract record VendorFault
{
    private VendorFault()
    {
    }

    /// <summary>The answer comes after <paramref name="By"/> of real time (WireMock's own delay), past the caller's timeout.</summary>
    public sealed record Delay(TimeSpan By) : VendorFault;

    /// <summary>HTTP 500.</summary>
    public sealed record ServerError : VendorFault;

    /// <summary>HTTP 200 whose body is not the contract's JSON.</summary>
    public sealed record MalformedBody : VendorFault;
}
