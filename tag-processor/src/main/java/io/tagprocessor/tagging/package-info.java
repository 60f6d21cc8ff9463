/**
 * The tag domain: names, entity keys, the commands a producer can send and the changes they cause.
 * {@link io.tagprocessor.tagging.TagCommandHandler} applies one validated command to the store.
 */
package io.tagprocessor.tagging;
