package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * A client that hangs up while its answer is written (seen as "Unhandled error" with a stack trace at ERROR when
 * {@code curl … | head} closed the pipe on the API document) is answered by nobody and logged at no level an
 * operator is paged for; any other failure still is the 500 it was.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientGoneTests {

    final ApiExceptionHandler handler = new ApiExceptionHandler();
    final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ApiExceptionHandler.class);

    @Test
    void aClientThatHungUpGetsNoAnswerAndNoErrorLine(CapturedOutput output) throws Exception {
        for (Exception gone : new Exception[] {
            new AsyncRequestNotUsableException("ServletOutputStream failed to write: java.io.IOException: Broken pipe"),
            new ClientAbortException(new IOException("Connection reset by peer"))
        }) {
            Method chosen = resolver.resolveMethodByThrowable(gone);
            assertThat(chosen).as(gone.getClass().getSimpleName()).isNotNull();
            assertThat(chosen.getName()).isEqualTo("clientGone");
            assertThat(chosen.invoke(handler, gone)).isNull();
        }
        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("Broken pipe");
    }

    @Test
    void anotherServersBrokenPipeIsStillOurError(CapturedOutput output) {
        var ours = new IOException("Broken pipe");
        Method chosen = resolver.resolveMethodByThrowable(ours);
        assertThat(chosen).isNotNull();
        assertThat(chosen.getName()).isEqualTo("handle");
        assertThat(handler.handle(ours).getStatusCode().value()).isEqualTo(500);
        assertThat(output.getAll()).contains("ERROR").contains("Unhandled error");
    }
}
