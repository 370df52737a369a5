namespace ApexAgent.Portal.Features.Verification;

/// <summary>A file as it arrives from the browser or a multipart request; checked by DocumentUpload before anything is kept.</summary>
public sealed record UploadedFile(string? Name, Stream Content);
