package org.gauzy.bridge.pages;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of the server-rendered pages under {@code /pages}. Its requests are signed in by the
 * page session cookie and protected by CSRF tokens; its errors render the error page instead of JSON,
 * and its templates get the signed-in user ({@code me}) for the layout.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Controller
public @interface PageController {}
