package io.resellerkit.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the API's paths: settles the request id ({@code X-Request-Id}, checked, or a new
 * UUID; echoed in the response) and caps the request body, so an oversized body is refused with
 * 413 before anything reads it whole.
 */
final class ApiFilter extends OncePerRequestFilter {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String REQUEST_ID = ApiFilter.class.getName() + ".requestId";
    // As an id: 1 to 200 visible ASCII characters, so it reads in the audit trail as it was sent.
    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private final long maxBodyBytes;

    ApiFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        } else if (!REQUEST_ID_FORMAT.matcher(requestId).matches()) {
            problem(response, 400, "Bad Request", "validation_failed", "X-Request-Id is not a valid request id",
                    ",\"violations\":[{\"field\":\"X-Request-Id\",\"rule\":\"RequestId\","
                            + "\"message\":\"must be 1 to 200 visible ASCII characters\"}]");
            return;
        }
        request.setAttribute(REQUEST_ID, requestId);
        response.setHeader(REQUEST_ID_HEADER, requestId);
        if (!sendsJson(request)) {
            problem(response, 415, "Unsupported Media Type", "unsupported_media_type",
                    "a POST, PUT or PATCH must have Content-Type application/json", "");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            problem(response, 413, "Content Too Large", "body_too_large", tooLarge(), "");
            return;
        }
        chain.doFilter(new CappedBody(request, maxBodyBytes), response);
    }

    /**
     * A write must say it sends JSON, even one without a body: a cross-site HTML form (which needs no
     * CORS preflight) can only send form or text types, so it cannot ride on a browser's cookies or
     * cached Basic credentials to, say, {@code POST .../terminate}.
     */
    private static boolean sendsJson(HttpServletRequest request) {
        String method = request.getMethod();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return true;
        }
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        String mediaType = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    String tooLarge() {
        return "the request body is larger than " + maxBodyBytes + " bytes";
    }

    /** A problem written here, before Spring MVC: fixed texts only, never anything from the request. */
    private static void problem(HttpServletResponse response, int status, String title, String code, String detail,
                                String more) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"" + more + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Thrown while reading a body (sent chunked, without a length) past the cap. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    /** The request with a body that fails once it passes the cap. */
    private static final class CappedBody extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream capped;

        CappedBody(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                capped = new Capped(super.getInputStream(), max);
            }
            return capped;
        }
    }

    private static final class Capped extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        Capped(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
